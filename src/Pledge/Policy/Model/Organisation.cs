using System.Collections.Immutable;

namespace Pledge.Policy.Model;

/// <summary>Who is responsible (Art. 13(1)(a)-(b), Art. 30(1)(a)).</summary>
public sealed record Organisation(
    Party Controller,
    ImmutableArray<Representative> Representatives,
    Party? Dpo,
    SupervisoryAuthority Authority,
    ImmutableArray<ContactChannel> Channels);

/// <summary>A person or organisation with contact details.</summary>
public sealed record Party(string Name, string? Registration, string? Address, string? Email, string? Phone, string? Website);

/// <summary>A representative under Art. 27 (EU) or UK GDPR Art. 27 (UK).</summary>
public sealed record Representative(string Region, Party Party);

/// <summary>The supervisory authority subjects may complain to (Art. 77).</summary>
public sealed record SupervisoryAuthority(string Name, string Country, string? Website, string? Address, string? Email, string? Phone);

/// <summary>A way to reach the controller: <c>email</c>, <c>web</c>, <c>post</c>, <c>phone</c> or <c>in_app</c>.</summary>
public sealed record ContactChannel(string Kind, string Value, LocalizedText? Label);
