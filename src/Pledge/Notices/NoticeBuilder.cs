using System.Collections.Immutable;
using System.Text;
using Pledge.Policy.Model;

namespace Pledge.Notices;

/// <summary>
/// Builds the privacy notice of a policy as a format-neutral <see cref="NoticeDocument"/>, structured as a good
/// human-written notice and complete against GDPR Art. 13 and 14: each section states the facts of the articles
/// it names in its comment. Fixed wording comes from the notice resources; policy text from
/// <see cref="LocalizedText.In"/>. Stateless and thread safe.
/// </summary>
public sealed partial class NoticeBuilder
{
    private const string None = "—";

    private readonly Policy.Model.Policy _policy;
    private readonly string _language;
    private readonly NoticeWording _w;

    private NoticeBuilder(Policy.Model.Policy policy, string language)
    {
        _policy = policy;
        _language = language;
        _w = new NoticeWording(language);
    }

    /// <summary>
    /// Builds the notice of <paramref name="policy"/> in <paramref name="language"/>, which must be one of
    /// <see cref="NoticeRenderer.Languages"/> (compared ignoring case).
    /// </summary>
    /// <exception cref="ArgumentException">The notice is not available in <paramref name="language"/>; the message lists the languages it is available in.</exception>
    public static NoticeDocument Build(Policy.Model.Policy policy, string language)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(language);
        var resolved = NoticeRenderer.ResolveLanguage(policy, language, out var error) ?? throw new ArgumentException(error, nameof(language));
        return new NoticeBuilder(policy, resolved).BuildDocument();
    }

    private NoticeDocument BuildDocument()
    {
        var sections = new List<NoticeSection?>
        {
            WhoWeAre(),
            RightToObject(),
            HowWeUse(),
            Sources(),
            Recipients(),
            Cookies(),
            StorageAndTransfers(),
            Retention(),
            Rights(),
            ExercisingRights(),
            AutomatedDecisions(),
            Security(),
            Changes(),
        };
        var controller = _policy.Organisation.Controller.Name;
        return new NoticeDocument(_language, _w.Format("Title", controller), _w["Contents"], _w["SkipLink"], Preamble(), [.. sections.OfType<NoticeSection>()]);
    }

    private ImmutableArray<NoticeBlock> Preamble()
    {
        var notice = _policy.Notice;
        var blocks = new List<NoticeBlock>
        {
            P(_w.Format("Preamble.Intro", _policy.Organisation.Controller.Name)),
            P(_w.Format("Preamble.Version", notice.Version, _w.Date(notice.Effective))),
        };
        if (NoticeLinks.Web(notice.Url) is { } url)
        {
            blocks.Add(P(new TextSpan(_w["Preamble.Url"] + " "), new LinkSpan(notice.Url!, url)));
        }

        return [.. blocks];
    }

    private string T(LocalizedText text) => text.In(_language);

    private NoticeSection Section(string id, string headingKey, IEnumerable<NoticeBlock> blocks, IEnumerable<NoticeSection>? subsections = null) =>
        new(id, _w["Section." + headingKey], [.. blocks], [.. subsections ?? []]);

    private NoticeFact Fact(string termKey, string value) => new(_w["Term." + termKey], RichText.Plain(value));

    private NoticeFact Fact(string termKey, params NoticeSpan[] value) => new(_w["Term." + termKey], new RichText([.. value]));

    private static ParagraphBlock P(string text) => new(RichText.Plain(text));

    private static ParagraphBlock P(params NoticeSpan[] spans) => new(new RichText([.. spans]));

    /// <summary>"Name: text" with the name emphasised, for lists that go activity by activity.</summary>
    private static RichText Labelled(string label, string text) => new([new StrongSpan(label), new TextSpan(": " + text)]);

    /// <summary>Ends text from a template that closes with policy text as a sentence, unless the policy text already did.</summary>
    private static string Sentence(string text) => text.Length > 0 && text[^1] is '.' or '!' or '?' ? text : text + ".";

    private string ActivityName(Activity activity) => T(activity.Name);

    // Taxonomy names are joined by commas only: many contain "and" themselves ("CV and qualifications").
    private string Names(IEnumerable<string> keys, Func<string, TaxonomyEntry?> lookup) =>
        string.Join(_w["List.Separator"], keys.Select(k => lookup(k) is { } e ? T(e.Name) : k));

    private string CategoryNames(IEnumerable<string> keys) =>
        string.Join(_w["List.Separator"], keys.Select(k => _policy.Category(k) is { } c ? T(c.Name) : k));

    private string CountryNames(IEnumerable<string> codes) => _w.List([.. codes.Distinct(StringComparer.Ordinal).Select(_w.Country)]);

    /// <summary>Where to ask for a copy of the transfer safeguards or anything else: the DPO, else the controller.</summary>
    private NoticeSpan ContactSpan()
    {
        var org = _policy.Organisation;
        var email = org.Dpo?.Email ?? org.Controller.Email ?? org.Channels.FirstOrDefault(c => c.Kind == "email")?.Value;
        if (email is not null)
        {
            return NoticeLinks.Span(email, NoticeLinks.Email(email));
        }

        var channel = org.Channels.Concat(_policy.Rights.Channels).FirstOrDefault();
        return channel is null ? new TextSpan(org.Controller.Address ?? org.Controller.Name) : ChannelSpan(channel);
    }

    private static NoticeSpan ChannelSpan(ContactChannel channel) => channel.Kind switch
    {
        "email" => NoticeLinks.Span(channel.Value, NoticeLinks.Email(channel.Value)),
        "web" => NoticeLinks.Span(channel.Value, NoticeLinks.Web(channel.Value)),
        _ => new TextSpan(channel.Value),
    };

    /// <summary>A stable anchor for an activity: its id reduced to letters, digits and '-'.</summary>
    private static string AnchorFor(string prefix, string id)
    {
        var sb = new StringBuilder(prefix);
        foreach (var c in id)
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        return sb.ToString();
    }
}
