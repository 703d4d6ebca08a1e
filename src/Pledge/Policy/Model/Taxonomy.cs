using System.Collections.Immutable;

namespace Pledge.Policy.Model;

/// <summary>
/// The vocabulary a policy speaks: data categories (hierarchical, <c>user.contact.email</c>), purposes,
/// kinds of data subject, subject identifiers and cookie categories. Pledge ships defaults
/// (Policy/Defaults/taxonomy.yaml); a policy adds its own entries.
/// </summary>
public sealed record Taxonomy(
    ImmutableArray<DataCategory> Categories,
    ImmutableArray<TaxonomyEntry> Purposes,
    ImmutableArray<TaxonomyEntry> Subjects,
    ImmutableArray<TaxonomyEntry> Identifiers,
    ImmutableArray<CookieCategory> CookieCategories);

/// <summary>A data category. Its parent is the key without its last dotted segment.</summary>
/// <param name="Special">A special category of Art. 9(1) (health, ethnicity, ...).</param>
/// <param name="Criminal">Data relating to criminal convictions and offences (Art. 10).</param>
public sealed record DataCategory(string Key, LocalizedText Name, LocalizedText? Description, bool Special, bool Criminal)
{
    /// <summary>The parent key, or null for a top-level category.</summary>
    public string? Parent => Key.LastIndexOf('.') is var i and > 0 ? Key[..i] : null;

    /// <summary>Whether this category is <paramref name="ancestor"/> or lies below it.</summary>
    public bool IsWithin(string ancestor) =>
        Key == ancestor || (Key.Length > ancestor.Length && Key[ancestor.Length] == '.' && Key.StartsWith(ancestor, StringComparison.Ordinal));
}

/// <summary>A purpose, a kind of data subject or a kind of identifier.</summary>
public sealed record TaxonomyEntry(string Key, LocalizedText Name, LocalizedText? Description);

/// <summary>A cookie category. Only essential categories may be set without consent.</summary>
public sealed record CookieCategory(string Key, LocalizedText Name, LocalizedText? Description, bool Essential);
