using System.Collections.Frozen;
using System.Globalization;
using System.Reflection;
using Pledge.Policy.Loading;

namespace Pledge.Policy.Defaults;

/// <summary>
/// Country facts a policy check needs: ISO 3166-1 codes, the EEA, and the destinations with an adequacy
/// decision (shipped as data in adequacy.yaml with the date it was last reviewed).
/// </summary>
public static class Countries
{
    private const string Codes =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
        "DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT " +
        "JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG " +
        "NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH " +
        "TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XK";

    private static readonly FrozenSet<string> All = Codes.Split(' ').ToFrozenSet(StringComparer.Ordinal);

    private static readonly Lazy<AdequacyList> List = new(Load);

    /// <summary>Whether <paramref name="code"/> is an ISO 3166-1 alpha-2 code (any case).</summary>
    public static bool IsCode(string code) => code.Length == 2 && All.Contains(code.ToUpperInvariant());

    /// <summary>The date the shipped adequacy list was last reviewed.</summary>
    public static DateOnly AdequacyAsOf => List.Value.AsOf;

    /// <summary>Whether <paramref name="country"/> is in the EEA (the EU plus Iceland, Liechtenstein and Norway).</summary>
    public static bool IsEea(string country) => List.Value.Eea.Contains(country);

    /// <summary>
    /// Whether a transfer from the controller's home (EEA or UK) to <paramref name="country"/> needs a safeguard:
    /// false inside the EEA, for the UK, and for destinations with full adequacy.
    /// </summary>
    public static bool IsThirdCountry(string country, string? home) =>
        !IsEea(country) && country != "GB" && !(home == "GB" ? List.Value.UkFull : List.Value.EuFull).Contains(country);

    /// <summary>Whether adequacy covers the destination fully, partially (with the condition), or not at all.</summary>
    public static (bool Full, string? PartialCondition) Adequacy(string country, string? home)
    {
        var list = List.Value;
        var full = home == "GB" ? list.UkFull : list.EuFull;
        var partial = home == "GB" ? list.UkPartial : list.EuPartial;
        return (full.Contains(country) || IsEea(country) || country == "GB", partial.GetValueOrDefault(country));
    }

    private sealed record AdequacyList(DateOnly AsOf, FrozenSet<string> Eea, FrozenSet<string> EuFull, FrozenDictionary<string, string> EuPartial,
        FrozenSet<string> UkFull, FrozenDictionary<string, string> UkPartial);

    private static AdequacyList Load()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pledge.Policy.Defaults.adequacy.yaml")
            ?? throw new InvalidOperationException("adequacy.yaml is not embedded in the Pledge assembly");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        var diagnostics = new List<Diagnostics.Diagnostic>();
        var root = YamlReader.Read(buffer.ToArray(), "adequacy.yaml", diagnostics) as YMapping
            ?? throw new InvalidOperationException("adequacy.yaml is malformed: " + string.Join("; ", diagnostics));
        FrozenSet<string> Set(YNode? n) => n is YSequence s ? s.Items.OfType<YScalar>().Select(x => x.Value).ToFrozenSet(StringComparer.Ordinal) : FrozenSet<string>.Empty;
        FrozenDictionary<string, string> Map(YNode? n) => n is YMapping m ? m.Entries.ToFrozenDictionary(e => e.Key.Value, e => ((YScalar)e.Value).Value, StringComparer.Ordinal) : FrozenDictionary<string, string>.Empty;
        var eu = root.Get("eu_adequacy") as YMapping;
        var uk = root.Get("uk_adequacy") as YMapping;
        return new AdequacyList(
            DateOnly.ParseExact(((YScalar)root.Get("as_of")!).Value, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Set(root.Get("eea")), Set(eu?.Get("full")), Map(eu?.Get("partial")), Set(uk?.Get("full")), Map(uk?.Get("partial")));
    }
}
