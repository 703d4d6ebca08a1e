using System.Globalization;
using System.Text;

namespace Pledge.Redaction.Samples;

/// <summary>Random but well-formed values of each type, and the look-alikes that must not be taken for them.</summary>
internal sealed class SampleValues(Random random)
{
    private static readonly string[] First = ["Anna", "Jonas", "Maria", "Lukas", "Sofia", "Elias", "Ingrid", "Mateo", "Chiara", "Oskar", "Freya", "Tobias", "Amelie", "Rafael", "Helena", "Dmitri", "Yuki", "Priya", "Kwame", "Zofia", "Björn", "Łucja", "Ștefan", "Émile"];

    private static readonly string[] Last = ["Berg", "Novak", "Schmidt", "Rossi", "Lindqvist", "Okafor", "Haddad", "Kowalski", "Moreau", "Jansen", "Tanaka", "Fischer", "Silva", "Petrov", "Nakamura", "Andersen", "Dubois", "Vargas", "Müller", "Øverby"];

    private static readonly string[] MailDomains = ["example.com", "example.org", "mail.example.net", "corp-mail.example.co.uk", "customer.example.de"];

    public Random Random => random;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public (string First, string Last) Person() => (Pick(First), Pick(Last));

    public string Ascii(string name) => new([.. name.Normalize(NormalizationForm.FormD).Where(c => c < 128)]);

    public string UserName(string first, string last) => random.Next(3) switch
    {
        0 => (Ascii(first)[..1] + Ascii(last)).ToLowerInvariant(),
        1 => (Ascii(first) + "." + Ascii(last)).ToLowerInvariant(),
        _ => Ascii(first).ToLowerInvariant() + random.Next(10, 99).ToString(CultureInfo.InvariantCulture),
    };

    public string Email(string first, string last)
    {
        var local = random.Next(3) switch
        {
            0 => Ascii(first) + "." + Ascii(last),
            1 => Ascii(first)[..1] + Ascii(last) + "+support",
            _ => Ascii(last) + "_" + random.Next(1, 99).ToString(CultureInfo.InvariantCulture),
        };
        return (random.Next(5) == 0 ? local.ToUpperInvariant() : local.ToLowerInvariant()) + "@" + Pick(MailDomains);
    }

    public string IPv4() => random.Next(4) switch
    {
        0 => FormattableString.Invariant($"192.168.{random.Next(256)}.{random.Next(1, 255)}"),
        1 => FormattableString.Invariant($"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}"),
        _ => FormattableString.Invariant($"{random.Next(11, 224)}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}"),
    };

    public string IPv6() => random.Next(5) switch
    {
        0 => string.Join(':', Enumerable.Range(0, 8).Select(_ => Hex(4))),
        1 => $"2001:db8:{Hex(3)}::{Hex(2)}",
        2 => $"fe80::{Hex(3)}:{Hex(4)}:{Hex(4)}:{Hex(4)}%eth{random.Next(3)}",
        3 => $"2a02:{Hex(3)}:{Hex(4)}:{random.Next(1, 9)}::{Hex(3)}",
        _ => $"::ffff:{IPv4()}",
    };

    public string Mac()
    {
        var bytes = Enumerable.Range(0, 6).Select(_ => random.Next(256).ToString("X2", CultureInfo.InvariantCulture)).ToArray();
        return random.Next(3) switch
        {
            0 => string.Join(':', bytes),
            1 => string.Join('-', bytes).ToLowerInvariant(),
            _ => (bytes[0] + bytes[1] + ".ab" + bytes[2] + "." + bytes[4] + bytes[5]).ToLowerInvariant(),
        };
    }

    public string Phone() => random.Next(8) switch
    {
        0 => FormattableString.Invariant($"+44 20 {random.Next(7000, 8000)} {random.Next(1000, 10000)}"),
        1 => FormattableString.Invariant($"+49 30 {random.Next(1000000, 99999999)}"),
        2 => FormattableString.Invariant($"+33 1 {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)}"),
        3 => FormattableString.Invariant($"+1 ({random.Next(201, 990)}) {random.Next(200, 1000)}-{random.Next(1000, 10000)}"),
        4 => FormattableString.Invariant($"020 {random.Next(7000, 8000)} {random.Next(1000, 10000)}"),
        5 => FormattableString.Invariant($"07700 {random.Next(900000, 999999)}"),
        6 => FormattableString.Invariant($"{random.Next(201, 990)}-{random.Next(200, 1000)}-{random.Next(1000, 10000)}"),
        _ => FormattableString.Invariant($"+{random.Next(30, 50)} {random.Next(100, 1000)} {random.Next(100, 1000)} {random.Next(1000, 10000)}"),
    };

    public string Card()
    {
        var (prefix, length) = random.Next(4) switch
        {
            0 => ("4", 16),
            1 => ("5" + random.Next(1, 6).ToString(CultureInfo.InvariantCulture), 16),
            2 => (random.Next(2) == 0 ? "34" : "37", 15),
            _ => ("6011", 16),
        };
        var digits = new StringBuilder(prefix);
        while (digits.Length < length - 1)
        {
            digits.Append((char)('0' + random.Next(10)));
        }

        digits.Append(LuhnDigit(digits.ToString()));
        var d = digits.ToString();
        var sep = random.Next(3) switch { 0 => " ", 1 => "-", _ => "" };
        return length == 15 ? $"{d[..4]}{sep}{d[4..10]}{sep}{d[10..]}" : $"{d[..4]}{sep}{d[4..8]}{sep}{d[8..12]}{sep}{d[12..]}";
    }

    public string Iban()
    {
        var (country, bban) = random.Next(4) switch
        {
            0 => ("DE", Digits(18)),
            1 => ("GB", "WEST" + Digits(14)),
            2 => ("FR", Digits(23)),
            _ => ("NL", "ABNA" + Digits(10)),
        };
        var check = 98 - Mod97(bban + country + "00");
        var iban = country + check.ToString("D2", CultureInfo.InvariantCulture) + bban;
        return random.Next(2) == 0 ? iban : string.Join(' ', iban.Chunk(4).Select(c => new string(c)));
    }

    public string WindowsName() => Pick(["DESKTOP-", "LAPTOP-", "WIN-"]) + new string([.. Enumerable.Range(0, 7).Select(_ => "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"[random.Next(34)])]);

    public string Guid() => new System.Guid([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]).ToString();

    public string Hex(int length) => new([.. Enumerable.Range(0, length).Select(_ => "0123456789abcdef"[random.Next(16)])]);

    public string Digits(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)('0' + random.Next(10)))]);

    private static char LuhnDigit(string payload)
    {
        var sum = 0;
        for (var i = 0; i < payload.Length; i++)
        {
            var d = payload[payload.Length - 1 - i] - '0';
            if (i % 2 == 0)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return (char)('0' + ((10 - (sum % 10)) % 10));
    }

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            remainder = char.IsDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return remainder;
    }
}
