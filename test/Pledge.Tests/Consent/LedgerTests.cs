using Pledge.Audit;
using Pledge.Consent;
using Pledge.Tests.Support;

namespace Pledge.Tests.Consent;

/// <summary>Base of the ledger tests: a store with the test policy's version deployed and a ledger open on it.</summary>
public abstract class LedgerTests : StoreTests
{
    private ConsentLedger? _ledger;

    protected static PseudonymKey Key { get; } = PseudonymKey.Parse(new string('7', 64)).Key!;

    protected ConsentLedger Ledger => _ledger!;

    protected Pseudonymizer Pseudonyms { get; private set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }

        await PolicyVersions.DeployAsync(Store, TestPolicy.Version, null, "test");
        Pseudonyms = await Pseudonymizer.ForStoreAsync(Store, Key);
        _ledger = await ConsentLedger.OpenAsync(Store, TestPolicy.Policy, Pseudonyms);
    }

    public override async Task DisposeAsync()
    {
        if (_ledger is not null)
        {
            await _ledger.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    protected static SubjectIdentifier Id(string text) => SubjectIdentifier.Parse(text).Identifier!;

    protected LedgerEvent Event(string subject, LedgerEventKind kind, string? activity, string? key = null, DateTimeOffset? at = null,
        string version = TestPolicy.Version, ConsentSignal signal = ConsentSignal.None, Preference? preference = null) =>
        new(Id(subject), kind, activity,
            new Evidence(at ?? Time.GetUtcNow(), version, EvidenceChannel.WebForm, "subject", key ?? Guid.NewGuid().ToString("N"), signal), preference);

    protected async Task<AppendResult> AppendAsync(LedgerEvent e)
    {
        var result = await Ledger.AppendAsync(e);
        Assert.True(result.Accepted, result.Error?.Message);
        return result;
    }

    protected ValueTask<Decision> DecideAsync(string subject, string activity, DateTimeOffset? at = null) =>
        new ConsentDecisions(Store, DecisionEngine.Compile(TestPolicy.Policy, Ledger.Versions)).DecideAsync(Id(subject), activity, at ?? Time.GetUtcNow());
}
