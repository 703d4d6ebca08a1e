using System.CommandLine;
using System.Globalization;
using Pledge.Consent;

namespace Pledge.Cli.Commands.Consent;

/// <summary>The evidence options of every recording command, with their defaults.</summary>
internal sealed class EvidenceOptions
{
    public Option<string> Channel { get; } = new("--channel")
    {
        Description = "Where it was captured: web_form, cookie_banner, email_link, api, import, verbal, in_product.",
        DefaultValueFactory = _ => "api",
    };

    public Option<bool> Gpc { get; } = new("--gpc") { Description = "The event came with a Global Privacy Control signal." };

    public Option<string?> Actor { get; } = new("--actor") { Description = "Who recorded it (default: cli:USER)." };

    public Option<string?> At { get; } = new("--at") { Description = "When it happened, ISO 8601 (default: now)." };

    public Option<string?> PolicyVersion { get; } = new("--policy-version") { Description = "The notice version in force (default: the policy's)." };

    public Option<string?> Key { get; } = new("--idempotency-key") { Description = "Unique per event: a retry with the same key is stored once (default: a new key)." };

    public Option<string?> Region { get; } = new("--region") { Description = "Region for phone numbers without a country code, e.g. GB." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Channel, Gpc, Actor, At, PolicyVersion, Key, Region })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The evidence the options describe; null after printing why they are wrong.</summary>
    public Evidence? Read(ParseResult parse, ConsentSession session)
    {
        if (!LedgerCodes.TryParseChannel(parse.GetValue(Channel) ?? "api", out var channel))
        {
            Output.Fail(ExitCodes.Usage, "--channel must be one of web_form, cookie_banner, email_link, api, import, verbal, in_product");
            return null;
        }

        var at = session.Store.Time.GetUtcNow();
        if (parse.GetValue(At) is { } text && !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out at))
        {
            Output.Fail(ExitCodes.Usage, "--at must be a date and time, e.g. 2026-11-23T09:30:00Z");
            return null;
        }

        return new Evidence(at, parse.GetValue(PolicyVersion) ?? session.Policy.Notice.Version, channel, parse.GetValue(Actor) ?? CliActor.Current,
            parse.GetValue(Key) ?? Guid.NewGuid().ToString("N"), parse.GetValue(Gpc) ? ConsentSignal.GlobalPrivacyControl : ConsentSignal.None);
    }
}
