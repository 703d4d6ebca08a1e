using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Pledge.Notices;

/// <summary>
/// Renders a policy's privacy notice: the public entry point over <see cref="NoticeBuilder"/>,
/// <see cref="HtmlNoticeRenderer"/> and <see cref="MarkdownNoticeRenderer"/>. Stateless and thread safe.
/// </summary>
public static class NoticeRenderer
{
    /// <summary>
    /// Renders the notice of <paramref name="policy"/> in <paramref name="format"/> and <paramref name="language"/>
    /// (default: the policy's default language, the first of <c>notice.languages</c>).
    /// </summary>
    /// <exception cref="ArgumentException">The notice is not available in <paramref name="language"/> (see <see cref="TryResolveLanguage"/>).</exception>
    public static string Render(Policy.Model.Policy policy, NoticeFormat format, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var document = NoticeBuilder.Build(policy, language ?? policy.Notice.DefaultLanguage);
        return format switch
        {
            NoticeFormat.Html => HtmlNoticeRenderer.Render(document),
            NoticeFormat.Markdown => MarkdownNoticeRenderer.Render(document),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "unknown notice format"),
        };
    }

    /// <summary>
    /// The languages the notice can be rendered in: those of the policy's <c>notice.languages</c> for which Pledge
    /// has notice wording (English and German ship; a language is added with a resource file).
    /// </summary>
    public static ImmutableArray<string> Languages(Policy.Model.Policy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. policy.Notice.Languages.Where(NoticeWording.HasWording)];
    }

    /// <summary>
    /// Resolves <paramref name="requested"/> (null: the policy's default language; compared ignoring case) to a
    /// language of <see cref="Languages"/> as the policy spells it. When it is not available, returns false and
    /// an <paramref name="error"/> a person can act on, listing the available languages.
    /// </summary>
    public static bool TryResolveLanguage(Policy.Model.Policy policy, string? requested, [NotNullWhen(true)] out string? language, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(policy);
        language = null;
        error = null;
        var wanted = string.IsNullOrWhiteSpace(requested) ? policy.Notice.DefaultLanguage : requested.Trim();
        var available = Languages(policy);
        var listed = available.IsEmpty ? "none" : string.Join(", ", available);
        var match = policy.Notice.Languages.FirstOrDefault(l => string.Equals(l, wanted, StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            error = $"the notice is not available in '{wanted}': the policy's notice.languages does not list it; available languages: {listed}";
            return false;
        }

        if (!available.Contains(match))
        {
            error = $"'{match}' is listed in notice.languages, but Pledge has no notice wording in it (add Notices/Resources/NoticeText.{match}.resx); available languages: {listed}";
            return false;
        }

        language = match;
        return true;
    }

    /// <summary>The resolved language, or null with <paramref name="error"/> set.</summary>
    internal static string? ResolveLanguage(Policy.Model.Policy policy, string requested, out string error)
    {
        if (TryResolveLanguage(policy, requested, out var language, out var message))
        {
            error = "";
            return language;
        }

        error = message;
        return null;
    }
}
