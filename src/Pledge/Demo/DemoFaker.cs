using System.Globalization;
using System.Text;

namespace Pledge.Demo;

/// <summary>Realistic values from one seeded <see cref="Random"/>: the same seed and day give the same values.</summary>
internal sealed class DemoFaker(Random random, DateTime now)
{
    private const string Alphanumeric = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly HashSet<string> _emails = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usernames = new(StringComparer.Ordinal);

    public Random Random => random;

    public DateTime Now => now;

    public T Pick<T>(T[] items) => items[random.Next(items.Length)];

    public bool Chance(double p) => random.NextDouble() < p;

    /// <summary>A count with mean <paramref name="mean"/>, spread between 0 and twice the mean.</summary>
    public int Count(double mean) => (int)Math.Round(random.NextDouble() * 2 * mean);

    /// <summary>An instant up to <paramref name="years"/> years back, weighted towards the present.</summary>
    public DateTime Past(double years) => Seconds(now.AddSeconds(-Math.Pow(random.NextDouble(), 1.6) * years * 365.25 * 86400));

    /// <summary>An instant between <paramref name="from"/> and <paramref name="to"/> (or now).</summary>
    public DateTime Between(DateTime from, DateTime? to = null)
    {
        var end = to ?? now;
        var span = Math.Max(0, (end - from).TotalSeconds);
        return Seconds(from.AddSeconds(Math.Floor(random.NextDouble() * span)));
    }

    /// <summary>Whole seconds, UTC: what every database stores alike.</summary>
    public static DateTime Seconds(DateTime t) => new(t.Ticks - (t.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);

    public (string First, string Last) Name() => (Pick(DemoText.FirstNames), Pick(DemoText.LastNames));

    /// <summary>A lower-case ASCII e-mail local part from a name: "anna.schmidt", "a.schmidt", "anna.schmidt87".</summary>
    public static string LocalPart(string first, string last, int style, int number) => style switch
    {
        0 => $"{Ascii(first)}.{Ascii(last)}",
        1 => $"{Ascii(first)[0]}.{Ascii(last)}",
        2 => $"{Ascii(first)}.{Ascii(last)}{number}",
        _ => $"{Ascii(first)}{number}",
    };

    /// <summary>Claims <paramref name="email"/> if no one has it yet.</summary>
    public bool TryClaimEmail(string email) => _emails.Add(email);

    /// <summary>An e-mail address no one generated before, in normal form (lower case, trimmed).</summary>
    public string Email(string first, string last, string? domain = null)
    {
        while (true)
        {
            var email = $"{LocalPart(first, last, random.Next(4), random.Next(10, 99))}@{domain ?? Pick(DemoText.MailDomains)}";
            if (_emails.Add(email))
            {
                return email;
            }

            domain = null;
        }
    }

    public string Username(string first, string last)
    {
        while (true)
        {
            var name = $"{Ascii(first)[..Math.Min(4, Ascii(first).Length)]}{Ascii(last)[..Math.Min(5, Ascii(last).Length)]}{random.Next(1, 999)}";
            if (_usernames.Add(name))
            {
                return name;
            }
        }
    }

    public static string CompanyDomain(string company) => Ascii(company.Split(' ')[0]) + ".example";

    /// <summary>A mobile number in normal form (digits with a leading '+').</summary>
    public string Phone() => Pick(["+447700", "+49151", "+3161", "+3367", "+34612", "+46701"]) + random.Next(100000, 999999).ToString(Invariant) + random.Next(10, 99).ToString(Invariant);

    public string DeviceUid() => random.Next(100_000_000, 2_000_000_000).ToString(Invariant);

    public string ComputerName(string first) => random.Next(5) switch
    {
        0 => "LAPTOP-" + Code(7),
        1 => $"MacBook-Pro-{Ascii(first)}",
        2 => $"{Ascii(first)}-thinkpad",
        3 => "WS-" + Pick(["FIN", "OPS", "DEV", "HR", "SALES"]) + "-" + random.Next(1, 300).ToString("000", Invariant),
        _ => "DESKTOP-" + Code(7),
    };

    public string Ipv4() => $"{Pick([81, 88, 91, 145, 176, 185, 203, 212, 217])}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";

    public string Ipv6() => string.Create(Invariant, $"2a02:{random.Next(0x1000, 0xffff):x4}:{random.Next(0xffff):x}:{random.Next(0xffff):x}::{random.Next(1, 0xffff):x}");

    public string Ip() => Chance(0.8) ? Ipv4() : Ipv6();

    public string Code(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
        {
            chars[i] = Alphanumeric[random.Next(Alphanumeric.Length)];
        }

        return new string(chars);
    }

    public string Hex(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append("0123456789abcdef"[random.Next(16)]);
        }

        return builder.ToString();
    }

    public string PasswordHash() => "$2b$12$" + Code(22).ToLowerInvariant() + Hex(31);

    public string Address() => $"{random.Next(1, 180)} {Pick(DemoText.Streets)}, {Pick(DemoText.Cities)}";

    public static string Format(string format, params object?[] args) => string.Format(Invariant, format, args);

    public static string Time(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", Invariant);

    /// <summary>Lower-case ASCII letters only: "Wiśniewska" → "wisniewska", "O'Brien" → "obrien".</summary>
    public static string Ascii(string s)
    {
        var decomposed = s.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var lower = c switch { 'ł' or 'Ł' => 'l', 'ø' or 'Ø' => 'o', 'ı' => 'i', _ => char.ToLowerInvariant(c) };
            if (char.IsAsciiLetterLower(lower))
            {
                builder.Append(lower);
            }
        }

        return builder.ToString();
    }
}
