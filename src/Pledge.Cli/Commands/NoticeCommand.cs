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
            if (outPath is not null && !OutputFile.TryValidate(outPath, out var pathError))
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

            var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            return OutputFile.TryWrite(outPath, stream => stream.Write(utf8.GetBytes(notice)), out var writeError) ? ExitCodes.Ok : Fail(writeError);
        });
        return command;
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("pledge notice: " + message);
        return ExitCodes.Usage;
    }
}
