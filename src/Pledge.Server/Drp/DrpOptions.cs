namespace Pledge.Server.Drp;

/// <summary>
/// The <c>Pledge:Drp</c> section: this business's id in the Data Rights Protocol network and the authorised agents it
/// accepts, each with its Ed25519 verify key (hex), e.g. <c>Pledge__Drp__Agents__CR_AGENT__VerifyKey=…</c>. With no
/// agents, the DRP endpoints refuse every agent.
/// </summary>
public sealed class DrpOptions
{
    /// <summary>This covered business's id, which every signed message must name in <c>business-id</c>.</summary>
    public string BusinessId { get; set; } = "PLEDGE";

    /// <summary>Accepted agents by agent id.</summary>
    public Dictionary<string, DrpAgentOptions> Agents { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How far into the future <c>issued-at</c> may lie (clock skew).</summary>
    public int ClockSkewSeconds { get; set; } = 60;

    /// <summary>Longest accepted window between <c>issued-at</c> and <c>expires-at</c>; DRP recommends at most 15 minutes.</summary>
    public int MaxLifetimeSeconds { get; set; } = 900;
}

/// <summary>An authorised agent: its display name and Ed25519 public key (64 hex digits).</summary>
public sealed class DrpAgentOptions
{
    public string? Name { get; set; }

    public string VerifyKey { get; set; } = "";
}
