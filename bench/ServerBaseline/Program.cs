// The baseline of bench/server-load.sh: Kestrel with the settings `pledge serve` uses (no Server header, framework
// logging at Warning from the command line) answering POST /api/v1/consts — a path as long as /api/v1/decide — with a
// constant JSON body the size of a decision, without authentication, body parsing or a store.
var builder = WebApplication.CreateBuilder(args);
builder.WebHost.UseKestrel(k => k.AddServerHeader = false);
var app = builder.Build();
var answer = new Decision("email:ada@example.com", "website-analytics", false, ["no_consent"], "website-analytics needs consent, and there is none on record.");
app.MapPost("/api/v1/consts", () => TypedResults.Ok(answer));
app.Run();

internal sealed record Decision(string Subject, string Activity, bool Allowed, string[] Reasons, string Explanation);
