namespace Pledge.Redaction;

/// <summary>Names of <see cref="PiiType"/> values as they appear in tags, tokens, reports and on the command line.</summary>
public static class PiiTypes
{
    /// <summary>Every type, in declaration order.</summary>
    public static IReadOnlyList<PiiType> All { get; } = Enum.GetValues<PiiType>();

    private static readonly string[] Tags = ["EMAIL", "IPV4", "IPV6", "MAC", "PHONE", "CARD", "IBAN", "USERNAME", "HOSTNAME", "NAME"];

    private static readonly byte[][] TagBytes = [.. Tags.Select(t => System.Text.Encoding.ASCII.GetBytes(t))];

    /// <summary>The upper-case tag of a type, e.g. <c>EMAIL</c>.</summary>
    public static string Tag(PiiType type) => Tags[(int)type];

    /// <summary>The tag of a type as ASCII bytes.</summary>
    internal static ReadOnlySpan<byte> TagUtf8(PiiType type) => TagBytes[(int)type];

    /// <summary>Parses a type name case-insensitively (<c>email</c>, <c>IPv4</c>, <c>hostname</c>...); false if unknown.</summary>
    public static bool TryParse(string? text, out PiiType type)
    {
        type = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var index = Array.FindIndex(Tags, t => string.Equals(t, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (index < 0)
        {
            return false;
        }

        type = (PiiType)index;
        return true;
    }

    /// <summary>The index of the tag whose ASCII bytes equal <paramref name="name"/>, or -1.</summary>
    internal static int IndexOfTag(ReadOnlySpan<byte> name)
    {
        for (var i = 0; i < TagBytes.Length; i++)
        {
            if (name.SequenceEqual(TagBytes[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
