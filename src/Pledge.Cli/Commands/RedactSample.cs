using System.Globalization;
using Pledge.Redaction.Samples;

namespace Pledge.Cli.Commands;

/// <summary>The hidden <c>pledge redact --generate-sample SIZE</c> used by <c>bench/redaction.sh</c> to make its input.</summary>
internal static class RedactSample
{
    public static async Task<int> GenerateAsync(string size, string? knownValuesFile, CancellationToken cancellationToken)
    {
        if (!TryParseSize(size, out var bytes))
        {
            return RedactCommand.Fail(RedactCommand.Invalid, $"--generate-sample: '{size}' is not a size; write e.g. 200MB, 1GB or 5000000");
        }

        if (knownValuesFile is not null)
        {
            await File.WriteAllTextAsync(knownValuesFile, SampleLog.KnownValuesFile(SampleLog.KnownValuesFor()), cancellationToken);
        }

        using var stdout = Console.OpenStandardOutput();
        await SampleLog.WriteAsync(stdout, bytes, cancellationToken: cancellationToken);
        return 0;
    }

    private static bool TryParseSize(string text, out long bytes)
    {
        var units = new (string Suffix, long Factor)[] { ("GB", 1L << 30), ("MB", 1L << 20), ("KB", 1L << 10), ("", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                bytes = n * factor;
                return true;
            }
        }

        bytes = 0;
        return false;
    }
}
