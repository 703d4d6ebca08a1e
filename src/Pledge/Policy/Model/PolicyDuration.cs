using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pledge.Policy.Model;

/// <summary>
/// A calendar duration as people write it in a policy: "7 days", "13 months", "4 years", "1 year 6 months",
/// or ISO 8601 ("P30D", "P1Y6M", "PT12H"). Months and years are calendar units, so adding a duration to an
/// instant follows the calendar (31 January + 1 month = 28/29 February). Immutable and thread safe.
/// </summary>
public readonly partial record struct PolicyDuration(int Years, int Months, int Days, int Hours = 0)
{
    /// <summary>The zero duration ("0 days"): due at once.</summary>
    public static PolicyDuration Zero => default;

    /// <summary>Approximate length in days (a year = 365.25, a month = 30.4375), for comparing durations.</summary>
    public double ApproximateDays => (Years * 365.25) + (Months * 30.4375) + Days + (Hours / 24.0);

    /// <summary>The instant this duration after <paramref name="start"/>, following the calendar.</summary>
    public DateTimeOffset AddTo(DateTimeOffset start) => start.AddYears(Years).AddMonths(Months).AddDays(Days).AddHours(Hours);

    /// <summary>The instant this duration before <paramref name="end"/>: the cut-off for "older than".</summary>
    public DateTimeOffset SubtractFrom(DateTimeOffset end) => end.AddHours(-Hours).AddDays(-Days).AddMonths(-Months).AddYears(-Years);

    /// <summary>Parses a duration; returns false with a message saying what is wrong.</summary>
    public static bool TryParse(string? text, out PolicyDuration duration, out string error)
    {
        duration = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is empty; write e.g. '30 days', '13 months' or 'P1Y'";
            return false;
        }

        var s = text.Trim();
        var iso = IsoPattern().Match(s);
        if (iso.Success && s.Length > 1 && s != "PT")
        {
            if (!TryInt(iso.Groups["y"], out var y) || !TryInt(iso.Groups["m"], out var m) || !TryInt(iso.Groups["w"], out var w)
                || !TryInt(iso.Groups["d"], out var d) || !TryInt(iso.Groups["h"], out var h))
            {
                error = $"'{s}' has a number too large";
                return false;
            }

            duration = new PolicyDuration(y, m, checked((w * 7) + d), h);
            return true;
        }

        int years = 0, months = 0, days = 0, hours = 0;
        var parts = HumanPart().Matches(s);
        var consumed = 0;
        foreach (Match part in parts)
        {
            if (!int.TryParse(part.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n > 100_000)
            {
                error = $"'{s}' has a number too large";
                return false;
            }

            switch (char.ToLowerInvariant(part.Groups["u"].Value[0]))
            {
                case 'y': years += n; break;
                case 'm': months += n; break;
                case 'w': days += n * 7; break;
                case 'd': days += n; break;
                case 'h': hours += n; break;
            }

            consumed = part.Index + part.Length;
        }

        if (parts.Count == 0 || s[consumed..].Trim().Length > 0 || !CoversAll(s, parts))
        {
            error = $"'{s}' is not a duration; write e.g. '7 days', '13 months', '4 years', '1 year 6 months' or ISO 8601 'P1Y6M'";
            return false;
        }

        duration = new PolicyDuration(years, months, days, hours);
        return true;
    }

    /// <summary>Formats in the human form a policy uses, e.g. "1 year 6 months"; "0 days" for zero.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        Append(sb, Years, "year");
        Append(sb, Months, "month");
        Append(sb, Days, "day");
        Append(sb, Hours, "hour");
        return sb.Length == 0 ? "0 days" : sb.ToString();
    }

    /// <summary>ISO 8601 form, e.g. "P1Y6M".</summary>
    public string ToIso8601()
    {
        if (this == default)
        {
            return "P0D";
        }

        var sb = new StringBuilder("P");
        if (Years != 0) { sb.Append(CultureInfo.InvariantCulture, $"{Years}Y"); }
        if (Months != 0) { sb.Append(CultureInfo.InvariantCulture, $"{Months}M"); }
        if (Days != 0) { sb.Append(CultureInfo.InvariantCulture, $"{Days}D"); }
        if (Hours != 0) { sb.Append(CultureInfo.InvariantCulture, $"T{Hours}H"); }
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, int n, string unit)
    {
        if (n == 0)
        {
            return;
        }

        if (sb.Length > 0)
        {
            sb.Append(' ');
        }

        sb.Append(n.ToString(CultureInfo.InvariantCulture)).Append(' ').Append(unit);
        if (n != 1)
        {
            sb.Append('s');
        }
    }

    private static bool CoversAll(string s, MatchCollection parts)
    {
        var pos = 0;
        foreach (Match part in parts)
        {
            var gap = s[pos..part.Index].Trim().Trim(',').Trim();
            if (gap.Length > 0 && gap != "and")
            {
                return false;
            }

            pos = part.Index + part.Length;
        }

        return true;
    }

    private static bool TryInt(Group g, out int value)
    {
        value = 0;
        return !g.Success || int.TryParse(g.Value, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [GeneratedRegex(@"^P(?:(?<y>\d+)Y)?(?:(?<m>\d+)M)?(?:(?<w>\d+)W)?(?:(?<d>\d+)D)?(?:T(?:(?<h>\d+)H))?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoPattern();

    [GeneratedRegex(@"(?<n>\d+)\s*(?<u>years?|yrs?|months?|weeks?|days?|hours?|y|mo|w|d|h)\b", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex HumanPart();
}
