using System.CommandLine;
using System.Text;
using Pledge.Notices;
using Pledge.Policy.Loading;

namespace Pledge.Cli.Commands;

/// <summary><c>pledge notice [POLICY] [--format html|md] [--lang CODE] [--out FILE]</c>: render the privacy notice.</summary>
internal static class NoticeCommand
{
    public static Command Create()
    {
        var policy = PolicyArgument.Create();
        var format = new Option<string>("--format", "-f")
        {
            Description = "Output format: html (a standalone page) or md (GitHub-flavoured Markdown).",
            DefaultValueFactory = _ => "html",
        };
        format.AcceptOnlyFromAmong("html", "md");
        var lang = new Option<string?>("--lang", "-l") { Description = "Language code, one of the policy's notice.languages (default: the first)." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the notice to FILE (replaced atomically) instead of standard output." };
        var command = new Command("notice", "Render the privacy notice from the policy, complete against GDPR Art. 13 and 14.")
        {
            policy, format, lang, output,
        };
        command.SetAction(parse =>
        {
            var outPath = parse.GetValue(output);
            if (outPath is not null && CheckOutputPath(outPath) is { } pathError)
            {
                return Fail(pathError);
            }

            var result = PolicyLoader.Load(PolicyArgument.Resolve(parse.GetValue(policy)));
            foreach (var diagnostic in result.Diagnostics)
            {
                Console.Error.WriteLine(diagnostic.ToString());
            }

            if (result.Policy is null)
            {
                Console.Error.WriteLine($"pledge notice: the policy has {result.ErrorCount} error(s); no notice was rendered.");
                return ExitCodes.PolicyErrors;
            }

            if (!NoticeRenderer.TryResolveLanguage(result.Policy, parse.GetValue(lang), out var language, out var languageError))
            {
                return Fail(languageError);
            }

            var notice = NoticeRenderer.Render(result.Policy, parse.GetValue(format) == "md" ? NoticeFormat.Markdown : NoticeFormat.Html, language);
            if (outPath is null)
            {
                Console.Out.Write(notice);
                return ExitCodes.Ok;
            }

            return WriteAtomically(outPath, notice) is { } writeError ? Fail(writeError) : ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Refuses, before any work, an output path that is a folder or whose folder does not exist.</summary>
    private static string? CheckOutputPath(string path)
    {
        if (path.Length == 0 || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar) || Directory.Exists(path))
        {
            return $"--out '{path}' is a folder; give the path of a file to write";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        return folder is not null && !Directory.Exists(folder) ? $"--out '{path}': folder '{folder}' does not exist" : null;
    }

    /// <summary>
    /// Writes to a temporary file beside the target, then renames it over the target, so a reader (or a web server
    /// serving the notice) never sees half a file, and a failed write leaves the old notice in place.
    /// </summary>
    private static string? WriteAtomically(string path, string content)
    {
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return $"--out '{path}' cannot be written: {e.Message}";
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("pledge notice: " + message);
        return ExitCodes.Usage;
    }
}
