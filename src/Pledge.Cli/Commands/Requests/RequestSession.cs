using System.CommandLine;
using System.Globalization;
using System.Net;
using Pledge.Cli.Commands.Consent;
using Pledge.Connectors;
using Pledge.Erasure;
using Pledge.Requests;
using Pledge.Requests.Email;

namespace Pledge.Cli.Commands.Requests;

/// <summary>What a request command works with: the consent session (store, policy, ledger), the desk, and on demand the runner.</summary>
internal sealed class RequestSession : IAsyncDisposable
{
    private readonly ConsentSession _consent;
    private readonly Audit.PseudonymKey _key;
    private readonly List<Connector> _connectors = [];

    private RequestSession(ConsentSession consent, Audit.PseudonymKey key, RequestDesk desk)
    {
        _consent = consent;
        _key = key;
        Desk = desk;
    }

    public RequestDesk Desk { get; }

    public static async Task<(RequestSession? Session, int ExitCode)> OpenAsync(ParseResult parse, StoreOptions options, string? outbox, CancellationToken cancellationToken)
    {
        var (consent, code) = await ConsentSession.OpenAsync(parse, options, writes: true, cancellationToken);
        if (consent is null)
        {
            return (null, code);
        }

        // The consent session resolved (and reported on) the key already: resolve it again quietly.
        var local = parse.GetValue(options.Local) || Environment.GetEnvironmentVariable(StoreOptions.LocalVariable) == "1";
        var key = Audit.PseudonymKey.Resolve(Environment.GetEnvironmentVariable(Audit.PseudonymKey.EnvironmentVariable), local, StoreOptions.LocalKeyFile()).Key!;
        return (new RequestSession(consent, key, new RequestDesk(consent.Store, consent.Policy, key, Sender(outbox, consent.Policy.Organisation.Controller.Email, consent.Store.Time))), ExitCodes.Ok);
    }

    /// <summary>
    /// SMTP when <c>PLEDGE_SMTP_HOST</c> is set (port <c>PLEDGE_SMTP_PORT</c>, default 587 with STARTTLS; user and password
    /// from <c>PLEDGE_SMTP_USER</c>, <c>PLEDGE_SMTP_PASSWORD</c>); otherwise .eml files in <paramref name="outbox"/>, else
    /// <c>$PLEDGE_HOME/outbox</c>, else <c>./pledge-outbox</c>. The sender is <c>PLEDGE_MAIL_FROM</c> or the controller's e-mail.
    /// </summary>
    private static EmailSender Sender(string? outbox, string? controller, TimeProvider time)
    {
        var from = Environment.GetEnvironmentVariable("PLEDGE_MAIL_FROM") is { Length: > 0 } configured ? configured : controller ?? "privacy@localhost";
        var host = Environment.GetEnvironmentVariable("PLEDGE_SMTP_HOST");
        if (!string.IsNullOrWhiteSpace(host))
        {
            var port = int.TryParse(Environment.GetEnvironmentVariable("PLEDGE_SMTP_PORT"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 587;
            var user = Environment.GetEnvironmentVariable("PLEDGE_SMTP_USER");
            return new SmtpEmailSender(from, host, port, enableSsl: port != 25,
                user is null ? null : new NetworkCredential(user, Environment.GetEnvironmentVariable("PLEDGE_SMTP_PASSWORD")));
        }

        var home = Environment.GetEnvironmentVariable(Pledge.Storage.StoreLocation.HomeVariable);
        return new FileOutboxEmailSender(from, outbox ?? (string.IsNullOrWhiteSpace(home) ? "pledge-outbox" : Path.Combine(home, "outbox")), time);
    }

    /// <summary>
    /// A runner over the data map's systems. When <paramref name="needsSystems"/> and a system's connector cannot be
    /// opened, null (after printing which variable is wrong): nothing runs, so nothing changes until it is fixed.
    /// Otherwise such a system is named on stderr and left out.
    /// </summary>
    public RequestRunner? Runner(bool needsSystems)
    {
        foreach (var system in _consent.Policy.Systems)
        {
            var opened = ConnectorFactory.Open(system);
            if (opened.Connector is null)
            {
                if (needsSystems)
                {
                    Output.Fail(ExitCodes.Configuration, opened.Error!.Message);
                    return null;
                }

                Output.Note(opened.Error!.Message);
                continue;
            }

            _connectors.Add(opened.Connector);
        }

        return new RequestRunner(Desk, _connectors, ErasureKey.From(_key), _consent.Ledger);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connector in _connectors)
        {
            await connector.DisposeAsync();
        }

        await _consent.DisposeAsync();
    }
}
