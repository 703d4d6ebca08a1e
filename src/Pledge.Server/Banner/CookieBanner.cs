using System.Collections.Immutable;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Pledge.Server.Banner;

/// <summary>
/// The cookie banner generated from the policy's cookie list: one dependency-free script and one stylesheet, with
/// the policy version and a hash of the cookie terms embedded. The hash covers what a visitor agrees to (categories,
/// their cookies, providers, lifetimes, purposes, the activities behind them), not editorial changes elsewhere, so
/// only a change to those terms asks again. Immutable; generate once per policy.
/// </summary>
public sealed class CookieBanner
{
    /// <summary>The name of the consent cookie when the policy declares none.</summary>
    public const string DefaultCookieName = "pledge_consent";

    private CookieBanner(ImmutableArray<BannerCategory> categories, string terms, string version, string cookieName, long maxAgeSeconds, string script, string stylesheet)
    {
        Categories = categories;
        Terms = terms;
        Version = version;
        CookieName = cookieName;
        MaxAgeSeconds = maxAgeSeconds;
        Script = script;
        Stylesheet = stylesheet;
        ETag = "\"" + Hash(script + stylesheet)[..16] + "\"";
    }

    public ImmutableArray<BannerCategory> Categories { get; }

    /// <summary>Hex hash of the cookie terms (16 characters).</summary>
    public string Terms { get; }

    /// <summary>The policy (notice) version.</summary>
    public string Version { get; }

    /// <summary>The consent cookie: the policy's essential cookie whose name says consent, else <see cref="DefaultCookieName"/>.</summary>
    public string CookieName { get; }

    /// <summary>How long a choice lasts: the policy's maximum cookie lifetime, capped by the shortest consent lifetime of the activities asked about.</summary>
    public long MaxAgeSeconds { get; }

    public string Script { get; }

    public string Stylesheet { get; }

    /// <summary>Strong validator of script and stylesheet together; also their URL version.</summary>
    public string ETag { get; }

    /// <summary>The version segment of the assets' URLs, so they can be cached for a year.</summary>
    public string AssetVersion => ETag.Trim('"');

    /// <summary>Gzipped size of script plus stylesheet, in bytes.</summary>
    public int GzippedSize() => Gzip(Script) + Gzip(Stylesheet);

    public BannerCategory? Category(string key) => Categories.FirstOrDefault(c => c.Key == key);

    /// <summary>Generates the banner for <paramref name="policy"/>.</summary>
    public static CookieBanner Generate(Policy.Model.Policy policy, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(time);
        var categories = BannerCategory.From(policy);
        var terms = Hash(TermsText(policy, categories))[..16];
        var cookieName = policy.Cookies.Items.FirstOrDefault(c => !c.IsPattern && c.Name.Contains("consent", StringComparison.OrdinalIgnoreCase)
            && policy.CookieCategory(c.Category)?.Essential == true)?.Name ?? DefaultCookieName;
        var now = time.GetUtcNow();
        var until = policy.Cookies.MaxLifetime.AddTo(now);
        foreach (var activity in categories.SelectMany(c => c.Activities).Select(policy.Activity))
        {
            if (activity?.Consent.Lifetime is { } lifetime && lifetime.AddTo(now) < until)
            {
                until = lifetime.AddTo(now);
            }
        }

        var maxAge = (long)(until - now).TotalSeconds;
        var languages = policy.Notice.Languages.IsDefaultOrEmpty ? ["en"] : policy.Notice.Languages;
        var config = new Dictionary<string, object>
        {
            ["v"] = policy.Notice.Version,
            ["h"] = terms,
            ["n"] = cookieName,
            ["age"] = maxAge,
            ["api"] = "/api/consent/banner",
            ["notice"] = "/notice",
            ["d"] = languages[0],
            ["cats"] = categories.Select(c => new Dictionary<string, object>
            {
                ["k"] = c.Key,
                ["c"] = c.Cookies,
                ["g"] = c.RefusedByGpc ? 1 : 0,
                ["t"] = languages.ToDictionary(l => l, l => new[] { c.Name.In(l), c.Description?.In(l) ?? "" }),
            }),
            ["t"] = languages.ToDictionary(l => l, BannerText.For),
        };
        var json = JsonSerializer.Serialize(config);
        var script = Minify(Resource("banner.js")).Replace("/*CONFIG*/{}", json, StringComparison.Ordinal);
        return new CookieBanner(categories, terms, policy.Notice.Version, cookieName, maxAge, script, Minify(Resource("banner.css")));
    }

    private static string TermsText(Policy.Model.Policy policy, ImmutableArray<BannerCategory> categories)
    {
        var text = new StringBuilder();
        foreach (var category in categories)
        {
            text.Append(category.Key).Append('|').AppendJoin(',', category.Activities).Append('|').Append(category.RefusedByGpc).Append('\n');
            foreach (var cookie in policy.Cookies.Items.Where(c => c.Category == category.Key))
            {
                text.Append(cookie.Name).Append('|').Append(cookie.Provider).Append('|').Append(cookie.Party).Append('|')
                    .Append(cookie.Duration?.ToString() ?? "session").Append('|').Append(cookie.Purpose.Default).Append('|').Append(cookie.Processor).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Pledge.Server.Banner." + name)
            ?? throw new InvalidOperationException($"missing resource {name}");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    // Drops indentation, blank lines and whole-line comments: the sources stay readable, the output small.
    private static string Minify(string source) =>
        string.Join('\n', source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)
            && !l.StartsWith("/* ", StringComparison.Ordinal)));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static int Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        return (int)output.Length;
    }
}
