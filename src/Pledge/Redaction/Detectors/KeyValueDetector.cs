using System.Runtime.CompilerServices;
using static Pledge.Redaction.Detectors.ByteKinds;

namespace Pledge.Redaction.Detectors;

/// <summary>
/// Values named by their key: <c>user=jsmith</c>, <c>username: jsmith</c>, <c>"login":"jsmith"</c>,
/// <c>host=WS-ANNA-01</c>, <c>ComputerName='WS-ANNA-01'</c>. Keys are matched case-insensitively. Values that are
/// already redacted (<c>&lt;...</c>, <c>***</c>) or say "nobody" (<c>-</c>, <c>null</c>, <c>none</c>) are not matches.
/// </summary>
internal static class KeyValueDetector
{
    private const int MaxKey = 16;
    private const int MaxValue = 128;

    private static readonly (byte[] Key, PiiType Type)[] Keys =
    [
        .. Of(PiiType.Username, "user", "username", "user_name", "login", "logon", "account", "accountname", "account_name", "uname", "owner"),
        .. Of(PiiType.Hostname, "host", "hostname", "host_name", "computer", "computername", "computer_name", "machine", "machinename",
            "machine_name", "workstation", "device", "devicename", "device_name", "clientname", "client_name"),
    ];

    private static readonly byte[][] Nobody = [.. new[] { "-", "null", "none", "nil", "n/a", "unknown", "anonymous", "true", "false" }.Select(System.Text.Encoding.ASCII.GetBytes)];

    /// <summary>
    /// A key at <paramref name="p"/> followed by its value. Returns the type the key names and the value's
    /// <paramref name="start"/> and <paramref name="end"/>; false if there is no known key or no usable value.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Match(ReadOnlySpan<byte> s, int p, out PiiType type, out int start, out int end)
    {
        type = default;
        start = end = -1;
        var k = p;
        while (k - p < MaxKey && At(s, k) is var c && (IsAlpha(c) || c == '_'))
        {
            k++;
        }

        var i = k;
        var keyQuote = At(s, p - 1);
        if (keyQuote is (byte)'"' or (byte)'\'' && At(s, i) == keyQuote)
        {
            i++;
        }

        var sep = At(s, i);
        if (sep is not ((byte)'=' or (byte)':') || !TryKey(s[p..k], out type))
        {
            return false;
        }

        i++;
        if (sep == ':' && At(s, i) == ' ')
        {
            i++;
        }

        var quote = At(s, i);
        if (quote is (byte)'"' or (byte)'\'')
        {
            i++;
        }
        else
        {
            quote = 0;
        }

        start = i;
        end = ValueEnd(s, i, quote, type);
        if (end <= start || s[start] is (byte)'<' or (byte)'*' || IsNobody(s[start..end]))
        {
            return false;
        }

        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ValueEnd(ReadOnlySpan<byte> s, int i, byte quote, PiiType type)
    {
        if (!IsWord(At(s, i)))
        {
            return -1;
        }

        var end = i;
        while (end - i < MaxValue && At(s, end) is var b && b != 0 && b != quote)
        {
            var inValue = IsWord(b) || b is (byte)'.' or (byte)'-' or (byte)'_' or (byte)'$'
                || (type == PiiType.Username && b is (byte)'@' or (byte)'\\')
                || (quote != 0 && type == PiiType.Username && b == ' ' && IsWord(At(s, end + 1)));
            if (!inValue)
            {
                break;
            }

            end++;
        }

        if (end - i >= MaxValue || (quote != 0 && At(s, end) != quote))
        {
            return -1;
        }

        // A value that runs on into a path or into something already redacted is not the whole value.
        if (At(s, end) is (byte)'\\' or (byte)'/' || Glued(s, end))
        {
            return -1;
        }

        while (end > i && s[end - 1] is (byte)'.' or (byte)'-')
        {
            end--;
        }

        return end;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryKey(ReadOnlySpan<byte> key, out PiiType type)
    {
        foreach (var (candidate, candidateType) in Keys)
        {
            if (key.Length == candidate.Length && StartsWithLower(key, 0, candidate))
            {
                type = candidateType;
                return true;
            }
        }

        type = default;
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsNobody(ReadOnlySpan<byte> value)
    {
        foreach (var word in Nobody)
        {
            if (value.Length == word.Length && StartsWithLower(value, 0, word))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<(byte[], PiiType)> Of(PiiType type, params string[] keys) =>
        keys.Select(k => (System.Text.Encoding.ASCII.GetBytes(k), type));
}
