using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace Pledge.Tests.Server.Drp;

/// <summary>The server with one authorised DRP agent whose Ed25519 key is fixed for the tests.</summary>
public sealed class DrpServer : IAsyncLifetime
{
    public static readonly Ed25519PrivateKeyParameters AgentKey = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), 0);

    public RunningServer Server { get; } = new()
    {
        DemoRows = 0,
        Arguments = ["--Pledge:Drp:BusinessId=FARLINK", "--Pledge:Drp:Agents:TEST_AGENT:VerifyKey=" + Convert.ToHexString(AgentKey.GeneratePublicKey().GetEncoded())],
    };

    public Task InitializeAsync() => Server.InitializeAsync();

    public Task DisposeAsync() => Server.DisposeAsync();
}

/// <summary>DRP 1.0 endpoints against the real server: signatures, replays, stale messages, create, status, revoke.</summary>
public sealed class DrpApiTests(DrpServer fixture) : IClassFixture<DrpServer>
{
    private RunningServer Server => fixture.Server;

    private static string Sign(object message, Ed25519PrivateKeyParameters? key = null)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(message);
        var signer = new Ed25519Signer();
        signer.Init(true, key ?? DrpServer.AgentKey);
        signer.BlockUpdate(json, 0, json.Length);
        return Convert.ToBase64String([.. signer.GenerateSignature(), .. json]);
    }

    private static Dictionary<string, object> Claims(int issuedOffset = 0, int lifetime = 300)
    {
        var now = TimeProvider.System.GetUtcNow().AddSeconds(issuedOffset);
        return new() { ["agent-id"] = "TEST_AGENT", ["business-id"] = "FARLINK", ["issued-at"] = now.ToString("O"), ["expires-at"] = now.AddSeconds(lifetime).ToString("O") };
    }

    private static StringContent Text(string body) => new(body, Encoding.UTF8, "text/plain");

    private async Task<string> TokenAsync()
    {
        using var client = Server.Client();
        using var response = await client.PostAsync("/v1/agent/TEST_AGENT", Text(Sign(Claims())));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private HttpClient Agent(string token)
    {
        var client = Server.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    [Fact]
    public async Task Discovery_NamesVersionAndActions()
    {
        using var client = Server.Client();
        var json = await client.GetFromJsonAsync<JsonElement>("/.well-known/data-rights.json");

        Assert.Equal("1.0", json.GetProperty("version").GetString());
        Assert.Contains("deletion", json.GetProperty("actions").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task CreateStatusRevoke_MapsOntoTheRequestDesk()
    {
        using var client = Agent(await TokenAsync());
        var claims = Claims();
        claims["exercise"] = "deletion";
        claims["regime"] = "ccpa";
        claims["email"] = "drp.person@example.com";
        claims["email_verified"] = true;
        using var created = await client.PostAsync("/v1/data-rights-request", Text(Sign(claims)));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var status = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = status.GetProperty("request_id").GetString()!;
        Assert.Equal("in_progress", status.GetProperty("status").GetString());
        Assert.True(status.TryGetProperty("expected_by", out _));

        var again = await client.GetFromJsonAsync<JsonElement>("/v1/data-rights-request/" + id);
        Assert.Equal(id, again.GetProperty("request_id").GetString());

        var revoke = Claims();
        revoke["reason"] = "changed my mind";
        using var revoked = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/v1/data-rights-request/" + id) { Content = Text(Sign(revoke)) });
        Assert.Equal("revoked", (await revoked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Replay_TamperedSignature_StaleOrForeignKey_AreRefused()
    {
        var setup = Sign(Claims());
        using var client = Server.Client();
        using var first = await client.PostAsync("/v1/agent/TEST_AGENT", Text(setup));
        using var replay = await client.PostAsync("/v1/agent/TEST_AGENT", Text(setup));
        var raw = Convert.FromBase64String(Sign(Claims()));
        raw[^3] ^= 1;
        using var tampered = await client.PostAsync("/v1/agent/TEST_AGENT", Text(Convert.ToBase64String(raw)));
        using var stale = await client.PostAsync("/v1/agent/TEST_AGENT", Text(Sign(Claims(issuedOffset: -600))));
        using var foreign = await client.PostAsync("/v1/agent/TEST_AGENT", Text(Sign(Claims(), new Ed25519PrivateKeyParameters(new byte[32], 0))));
        using var unknown = await client.PostAsync("/v1/agent/OTHER", Text(Sign(Claims())));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stale.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknown.StatusCode);
    }

    [Fact]
    public async Task MalformedBodiesAndMissingToken_Are4xxProblemJson()
    {
        using var client = Agent(await TokenAsync());
        using var notBase64 = await client.PostAsync("/v1/data-rights-request", Text("%%%"));
        using var notJson = await client.PostAsync("/v1/data-rights-request", Text(Convert.ToBase64String(new byte[80])));
        var claims = Claims();
        claims["exercise"] = "teleport";
        using var badExercise = await client.PostAsync("/v1/data-rights-request", Text(Sign(claims)));
        using var anonymous = Server.Client();
        using var noToken = await anonymous.GetAsync("/v1/data-rights-request/00000000-0000-0000-0000-000000000000");
        using var unknownId = await client.GetAsync("/v1/data-rights-request/00000000-0000-0000-0000-000000000000");

        Assert.Equal(HttpStatusCode.BadRequest, notBase64.StatusCode);
        Assert.Equal("application/problem+json", notBase64.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badExercise.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, unknownId.StatusCode);
    }
}
