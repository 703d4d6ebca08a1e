using System.CommandLine;
using System.Text.Json;
using Pledge.Diff;
using Pledge.Policy.Loading;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge diff OLD NEW [--format text|json]</c>: what changed between two policy versions, material or editorial.</summary>
internal static class DiffCommand
{
    private static readonly JsonWriterOptions JsonOptions = new()
    {
        Indented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var oldPolicy = new Argument<string>("old") { Description = "The policy version subjects were told about." };
        var newPolicy = new Argument<string>("new") { Description = "The policy version about to be published." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (grouped for people) or json (for tools).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("diff",
            "Compare two policy versions and say which changes are material (subjects must be notified, consent may need renewing) "
            + "and which are editorial (wording, narrowing, notice metadata).\n"
            + $"Exit codes: {ExitCodes.Ok} no material change; {ExitCodes.MaterialChanges} material changes, subjects must be notified; "
            + $"{ExitCodes.PolicyErrors} either policy has errors (its diagnostics are printed).")
        {
            oldPolicy, newPolicy, format,
        };
        command.SetAction(parse => Run(parse, parse.GetValue(oldPolicy)!, parse.GetValue(newPolicy)!, parse.GetValue(format) ?? "text"));
        return command;
    }

    private static int Run(ParseResult parse, string oldPath, string newPath, string format)
    {
        var stdout = parse.InvocationConfiguration.Output;
        var stderr = parse.InvocationConfiguration.Error;
        var before = PolicyLoader.Load(oldPath);
        var after = PolicyLoader.Load(newPath);
        if (before.Policy is null || after.Policy is null)
        {
            foreach (var (path, result) in new[] { (oldPath, before), (newPath, after) }.Where(p => p.Item2.HasErrors))
            {
                foreach (var diagnostic in result.Diagnostics)
                {
                    stdout.WriteLine(diagnostic.ToString());
                }

                stderr.WriteLine($"pledge diff: {path} has {result.ErrorCount} error(s); fix them before comparing.");
            }

            return ExitCodes.PolicyErrors;
        }

        var diff = PolicyDiff.Compare(before.Policy, after.Policy);
        if (format == "json")
        {
            WriteJson(stdout, diff, (oldPath, before.Policy.Notice.Version), (newPath, after.Policy.Notice.Version));
        }
        else
        {
            WriteText(stdout, diff, (oldPath, before.Policy.Notice.Version), (newPath, after.Policy.Notice.Version));
        }

        return diff.HasMaterialChanges ? ExitCodes.MaterialChanges : ExitCodes.Ok;
    }

    private static void WriteText(TextWriter output, PolicyDiffResult diff, (string Path, string Version) old, (string Path, string Version) @new)
    {
        var material = diff.MaterialChanges.ToList();
        var editorial = diff.EditorialChanges.ToList();
        output.WriteLine($"{old.Path} (notice {old.Version}) → {@new.Path} (notice {@new.Version})");
        if (diff.IsEmpty)
        {
            output.WriteLine("No changes.");
            return;
        }

        output.WriteLine($"{material.Count} material, {editorial.Count} editorial change{(material.Count + editorial.Count == 1 ? "" : "s")}.");
        if (material.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Material changes: subjects must be notified");
            foreach (var change in material)
            {
                output.WriteLine($"  {Marker(change.Kind)} {change.Description}");
                output.WriteLine($"      why: {change.Reason}");
            }
        }

        if (editorial.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("Editorial changes");
            foreach (var change in editorial)
            {
                output.WriteLine($"  {Marker(change.Kind)} {change.Description}");
            }
        }

        if (diff.MateriallyChangedActivities.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Activities whose terms changed materially (consent given under the old terms may need renewing): {string.Join(", ", Sorted(diff))}");
        }

        if (material.Count > 0 && old.Version == @new.Version)
        {
            output.WriteLine();
            output.WriteLine($"Note: the notice version is still {@new.Version}; publish material changes under a new version so consent records can tell them apart.");
        }
    }

    private static string Marker(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "+",
        ChangeKind.Removed => "-",
        _ => "~",
    };

    private static IEnumerable<string> Sorted(PolicyDiffResult diff) => diff.MateriallyChangedActivities.Order(StringComparer.Ordinal);

    private static void WriteJson(TextWriter output, PolicyDiffResult diff, (string Path, string Version) old, (string Path, string Version) @new)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            foreach (var (name, side) in new[] { ("old", old), ("new", @new) })
            {
                json.WriteStartObject(name);
                json.WriteString("path", side.Path);
                json.WriteString("notice_version", side.Version);
                json.WriteEndObject();
            }

            json.WriteBoolean("material", diff.HasMaterialChanges);
            json.WriteStartArray("materially_changed_activities");
            foreach (var id in Sorted(diff))
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteStartArray("changes");
            foreach (var change in diff.Changes)
            {
                json.WriteStartObject();
                json.WriteString("path", change.Path);
                json.WriteString("kind", change.Kind.ToString().ToLowerInvariant());
                json.WriteString("description", change.Description);
                json.WriteBoolean("material", change.Material);
                json.WriteString("activity_id", change.ActivityId);
                json.WriteString("reason", change.Reason);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.Write(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        output.Write('\n');
    }
}
