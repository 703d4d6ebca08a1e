using System.Collections.Immutable;
using Pledge.Diagnostics;

namespace Pledge.Policy.Model;

/// <summary>An external party that processes personal data for, or with, the controller.</summary>
/// <param name="Locations">ISO 3166-1 alpha-2 codes of the places of processing.</param>
/// <param name="Safeguard">What protects processing in third countries, where any location needs one.</param>
public sealed record Processor(
    string Id,
    string Name,
    ProcessorRole Role,
    ImmutableArray<string> Categories,
    LocalizedText Purpose,
    ImmutableArray<string> Locations,
    TransferSafeguard? Safeguard,
    LocalizedText? Mechanism,
    string? Website,
    SourceLocation At);
