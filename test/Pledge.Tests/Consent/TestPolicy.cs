using Pledge.Policy.Loading;

namespace Pledge.Tests.Consent;

/// <summary>
/// The example vendor's policy plus two activities it does not need (vital interests, public task), so that every
/// lawful basis has an activity. Loaded once.
/// </summary>
internal static class TestPolicy
{
    public const string Version = "2026.11";

    private const string Extra = """
        activities:
          - id: emergency-contact
            name: { en: Emergency contact, de: Notfallkontakt }
            purposes: [events]
            lawful_basis: vital_interests
            subjects: [participant]
            categories: [user.contact.email, user.name]
            systems: [marketing]
            retention: [events-three-months]
          - id: public-register
            name: { en: Public register, de: Öffentliches Register }
            purposes: [events]
            lawful_basis: public_task
            subjects: [participant]
            categories: [user.contact.email, user.name]
            systems: [marketing]
            retention: [events-three-months]
        """;

    private static readonly Lazy<Pledge.Policy.Model.Policy> Loaded = new(() =>
    {
        using var copy = Support.PolicyCopy.OfExample().Write("activities/extra.yaml", Extra);
        var result = PolicyLoader.Load(copy.Root);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return result.Policy!;
    });

    public static Pledge.Policy.Model.Policy Policy => Loaded.Value;
}
