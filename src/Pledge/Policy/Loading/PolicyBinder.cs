using System.Collections.Immutable;
using Pledge.Diagnostics;
using Pledge.Policy.Defaults;
using Pledge.Policy.Model;

namespace Pledge.Policy.Loading;

/// <summary>
/// Turns the YAML tree of one policy file into model objects in a <see cref="PolicyDraft"/>. Shape and value
/// problems become diagnostics; binding goes on past them so one run reports everything.
/// </summary>
internal sealed partial class PolicyBinder(PolicyDraft draft, SourceMap sourceMap, List<Diagnostic> diagnostics)
{
    /// <summary>The policy format version this build of Pledge reads.</summary>
    public const int FormatVersion = 1;

    /// <summary>Binds one file's top-level mapping; returns the include patterns it names.</summary>
    public ImmutableArray<(string Pattern, SourceLocation At)> BindFile(YNode root, bool isRoot)
    {
        var r = new MapReader(root, "the policy", diagnostics);
        if (!r.IsValid)
        {
            if (root is YScalar or YSequence)
            {
                return [];
            }
        }

        var version = r.String("pledge", required: isRoot, missingMessage: "the policy has no 'pledge: 1' format version");
        if (version is not null && version != "1")
        {
            diagnostics.Add(Rules.InvalidValue.At(r.Locations["pledge"], $"format version '{version}' is not supported; this Pledge reads 'pledge: {FormatVersion}'"));
        }

        r.Node("$schema");
        var includes = r.Strings("include");
        var includeList = includes.Select((p, i) => (p, r.ItemAt("include", i))).ToImmutableArray();

        if (r.Node("notice") is { } notice && draft.Claim("notice", notice.At, diagnostics))
        {
            draft.Notice = BindNotice(notice);
        }

        if (r.Node("organisation") is { } org && draft.Claim("organisation", org.At, diagnostics))
        {
            draft.Organisation = BindOrganisation(org);
        }

        if (r.Node("rights") is { } rights && draft.Claim("rights", rights.At, diagnostics))
        {
            draft.Rights = BindRights(rights);
        }

        if (r.Node("taxonomy") is { } taxonomy)
        {
            BindTaxonomy(taxonomy);
        }

        foreach (var item in r.Items("systems"))
        {
            draft.Systems.Add(BindSystem(item));
        }

        foreach (var item in r.Items("activities"))
        {
            draft.Activities.Add(BindActivity(item));
        }

        foreach (var item in r.Items("retention"))
        {
            draft.Retention.Add(BindRetention(item));
        }

        if (r.Node("retention_schedule") is { } schedule && draft.Claim("retention_schedule", schedule.At, diagnostics))
        {
            draft.RetentionSchedule = BindSchedule(schedule);
        }

        foreach (var item in r.Items("legal_holds"))
        {
            draft.Holds.Add(BindHold(item));
        }

        foreach (var item in r.Items("events"))
        {
            var e = new MapReader(item, "an event", diagnostics);
            draft.Events.Add(Attach(new PolicyEvent(e.Id(), e.Text("description", required: true) ?? LocalizedText.Of(""), e.At), e));
        }

        if (r.Node("cookies") is { } cookies)
        {
            BindCookies(cookies);
        }

        foreach (var item in r.Items("processors"))
        {
            draft.Processors.Add(BindProcessor(item));
        }

        foreach (var item in r.Items("security_measures"))
        {
            if (item is YScalar { IsNull: false } s)
            {
                draft.Security.Add(LocalizedText.Of(s.Value));
            }
            else if (item is YMapping)
            {
                var holder = new MapReader(new YMapping(item.At) { Entries = { new(new YScalar(item.At, "text", true), item) } }, "a security measure", diagnostics);
                if (holder.Text("text") is { } text)
                {
                    draft.Security.Add(text);
                }
            }
        }

        r.Finish();
        return includeList;
    }

    private T Attach<T>(T model, MapReader reader) where T : class
    {
        sourceMap.Attach(model, reader.Locations);
        reader.Finish();
        return model;
    }

    private NoticeInfo BindNotice(YNode node)
    {
        var r = new MapReader(node, "notice", diagnostics);
        var version = r.String("version", required: true) ?? "";
        var effective = r.Date("effective", required: true) ?? default;
        var languages = r.Strings("languages");
        for (var i = 0; i < languages.Length; i++)
        {
            if (!LanguageCode.IsValid(languages[i]))
            {
                diagnostics.Add(Rules.InvalidValue.At(r.ItemAt("languages", i), $"'{languages[i]}' is not a language code (write e.g. 'en', 'de', 'pt-BR')"));
            }
        }

        if (languages.IsEmpty)
        {
            languages = ["en"];
        }

        var url = r.String("url");
        var changes = new MapReader(r.Node("changes"), "notice.changes", diagnostics);
        var notification = new ChangeNotification(changes.Bool("posted", true), changes.Bool("email_when_material", false), changes.Text("text"));
        changes.Finish();
        var history = ImmutableArray.CreateBuilder<NoticeVersion>();
        foreach (var item in r.Items("history"))
        {
            var h = new MapReader(item, "a notice history entry", diagnostics);
            history.Add(Attach(new NoticeVersion(h.String("version", required: true) ?? "", h.Date("date", required: true) ?? default,
                h.Text("summary", required: true) ?? LocalizedText.Of(""), h.Bool("material", false)), h));
        }

        return Attach(new NoticeInfo(version, effective, languages, url, notification, history.ToImmutable()), r);
    }

    private Organisation BindOrganisation(YNode node)
    {
        var r = new MapReader(node, "organisation", diagnostics);
        var controller = BindParty(r.Node("controller"), "organisation.controller", required: true, at: r.At) ?? new Party("", null, null, null, null, null);
        var reps = ImmutableArray.CreateBuilder<Representative>();
        foreach (var item in r.Items("representatives"))
        {
            var rep = new MapReader(item, "a representative", diagnostics);
            var region = rep.String("region", required: true) ?? "";
            var party = new Party(rep.String("name", required: true) ?? "", rep.String("registration"), rep.String("address"), rep.String("email"), rep.String("phone"), rep.String("website"));
            reps.Add(Attach(new Representative(region, party), rep));
        }

        var dpo = BindParty(r.Node("dpo"), "organisation.dpo", required: false, at: r.At);
        var a = new MapReader(r.Node("authority"), "organisation.authority", diagnostics);
        if (!r.Has("authority"))
        {
            diagnostics.Add(Rules.MissingKey.At(r.At, "organisation has no 'authority': subjects must be told where to complain (Art. 13(2)(d))"));
        }

        var authority = new SupervisoryAuthority(a.String("name", required: a.IsValid) ?? "", Country(a, "country", a.IsValid) ?? "",
            a.String("website"), a.String("address"), a.String("email"), a.String("phone"));
        Attach(authority, a);
        var channels = BindChannels(r, "contact");
        return Attach(new Organisation(controller, reps.ToImmutable(), dpo, authority, channels), r);
    }

    private Party? BindParty(YNode? node, string what, bool required, SourceLocation at)
    {
        if (node is null)
        {
            if (required)
            {
                diagnostics.Add(Rules.MissingKey.At(at, $"{what[..what.IndexOf('.', StringComparison.Ordinal)]} has no '{what[(what.IndexOf('.', StringComparison.Ordinal) + 1)..]}'"));
            }

            return null;
        }

        var p = new MapReader(node, what, diagnostics);
        var party = new Party(p.String("name", required: true) ?? "", p.String("registration"), p.String("address"), Email(p, "email"), p.String("phone"), p.String("website"));
        return Attach(party, p);
    }

    private ImmutableArray<ContactChannel> BindChannels(MapReader r, string key)
    {
        var channels = ImmutableArray.CreateBuilder<ContactChannel>();
        foreach (var item in r.Items(key))
        {
            var c = new MapReader(item, "a contact channel", diagnostics);
            var kind = c.String("kind", required: true) ?? "";
            if (kind.Length > 0 && !ChannelKinds.Contains(kind))
            {
                diagnostics.Add(Rules.InvalidValue.At(c.Locations["kind"], $"'{kind}' is not a channel kind{Suggestions.Hint(kind, ChannelKinds)}; expected one of: {string.Join(", ", ChannelKinds)}"));
            }

            channels.Add(Attach(new ContactChannel(kind, c.String("value", required: true) ?? "", c.Text("label")), c));
        }

        return channels.ToImmutable();
    }

    private static readonly string[] ChannelKinds = ["email", "web", "post", "phone", "in_app"];

    private RightsSettings BindRights(YNode node)
    {
        var r = new MapReader(node, "rights", diagnostics);
        var response = r.Duration("response") ?? new PolicyDuration(0, 1, 0);
        var extension = r.Duration("extension") ?? new PolicyDuration(0, 2, 0);
        if (extension.ApproximateDays > 61 && r.Locations.TryGetValue("extension", out var extAt))
        {
            diagnostics.Add(Rules.InvalidValue.At(extAt, $"'extension' of {extension} exceeds the two further months Art. 12(3) allows"));
        }

        if (response.ApproximateDays > 31 && r.Locations.TryGetValue("response", out var respAt))
        {
            diagnostics.Add(Rules.InvalidValue.At(respAt, $"'response' of {response} exceeds the one month Art. 12(3) allows"));
        }

        var verification = EnumList<VerificationMethod>(r, "verification");
        var channels = BindChannels(r, "channels");
        var fee = r.Text("fee") ?? LocalizedText.Of("Free of charge. A reasonable fee may be charged, or a request refused, where it is manifestly unfounded or excessive.");
        var rights = r.Has("rights") ? EnumList<SubjectRight>(r, "rights") : [.. Enum.GetValues<SubjectRight>()];
        var approval = EnumList<SubjectRight>(r, "approval");
        return Attach(new RightsSettings(response, extension, verification.IsEmpty ? [VerificationMethod.EmailCode] : verification, channels, fee, rights, approval), r);
    }

    private ImmutableArray<T> EnumList<T>(MapReader r, string key) where T : struct, Enum
    {
        var names = r.Strings(key);
        var result = ImmutableArray.CreateBuilder<T>(names.Length);
        for (var i = 0; i < names.Length; i++)
        {
            if (r.ParseEnum<T>(names[i], key, r.ItemAt(key, i)) is { } v)
            {
                result.Add(v);
            }
        }

        return result.ToImmutable();
    }

    private string? Email(MapReader r, string key)
    {
        var s = r.String(key);
        if (s is not null && (s.IndexOf('@', StringComparison.Ordinal) is <= 0 || s.EndsWith('@') || s.Contains(' ', StringComparison.Ordinal)))
        {
            diagnostics.Add(Rules.InvalidValue.At(r.Locations[key], $"'{s}' is not an e-mail address"));
        }

        return s;
    }

    private string? Country(MapReader r, string key, bool required = false)
    {
        var s = r.String(key, required);
        if (s is not null && !Countries.IsCode(s))
        {
            diagnostics.Add(Rules.InvalidValue.At(r.Locations[key], $"'{s}' is not an ISO 3166-1 alpha-2 country code (write e.g. 'GB', 'DE', 'US')"));
        }

        return s?.ToUpperInvariant();
    }
}
