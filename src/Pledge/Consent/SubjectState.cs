namespace Pledge.Consent;

/// <summary>
/// One subject's current state, compiled against a <see cref="DecisionEngine"/>: a slot per activity of the engine's
/// policy plus the subject-wide facts. Built once (from the projection), then decided on any number of times without
/// allocating. Not thread safe to build; safe to read from many threads once built.
/// </summary>
public sealed class SubjectState
{
    internal SubjectState(int activities) => Slots = new ActivitySlot[activities];

    internal ActivitySlot[] Slots { get; }

    internal bool Restricted { get; set; }

    internal bool HasGpc { get; set; }

    internal long GpcAt { get; set; }

    internal bool HasDirectMarketingObjection { get; set; }

    internal long DirectMarketingObjectionAt { get; set; }

    internal void Reset()
    {
        Array.Clear(Slots);
        Restricted = HasGpc = HasDirectMarketingObjection = false;
        GpcAt = DirectMarketingObjectionAt = 0;
    }
}

/// <summary>What the ledger says about one activity for one subject. Times are microseconds since the Unix epoch.</summary>
internal struct ActivitySlot
{
    public const byte None = 0;
    public const byte Given = 1;
    public const byte Withdrawn = 2;
    public const byte Objected = 1;
    public const byte Overridden = 2;

    public byte Consent;
    public byte Objection;
    public int ConsentVersion;
    public long ConsentAt;
    public long ConsentExpires;
    public long ObjectionAt;
}
