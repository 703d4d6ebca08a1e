using System.Collections.Immutable;

namespace Pledge.Notices;

/// <summary>
/// A privacy notice in one language, independent of any output format: what
/// <see cref="NoticeBuilder.Build"/> produces and the renderers turn into HTML or Markdown. Immutable.
/// </summary>
/// <param name="Language">The language the notice is written in, as listed in the policy (e.g. <c>de</c>).</param>
/// <param name="Title">The page title (the single top-level heading).</param>
/// <param name="ContentsHeading">The heading of the table of contents.</param>
/// <param name="SkipLink">The link, first on the page, that takes a keyboard or screen-reader user past the title and contents to the notice itself.</param>
/// <param name="Preamble">Blocks shown under the title, before the contents.</param>
/// <param name="Sections">The sections, in reading order.</param>
public sealed record NoticeDocument(
    string Language,
    string Title,
    string ContentsHeading,
    string SkipLink,
    ImmutableArray<NoticeBlock> Preamble,
    ImmutableArray<NoticeSection> Sections);

/// <summary>A section of a notice with its own heading; sections nest one level (activities within "How we use your data").</summary>
/// <param name="Id">A stable anchor, unique within the document (letters, digits and '-').</param>
public sealed record NoticeSection(string Id, string Heading, ImmutableArray<NoticeBlock> Blocks, ImmutableArray<NoticeSection> Subsections);
