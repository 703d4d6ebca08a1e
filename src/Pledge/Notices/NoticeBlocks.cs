using System.Collections.Immutable;

namespace Pledge.Notices;

/// <summary>A block of a notice section: a paragraph, a list, a list of facts, a table or a call-out.</summary>
public abstract record NoticeBlock;

/// <summary>A paragraph.</summary>
public sealed record ParagraphBlock(RichText Text) : NoticeBlock;

/// <summary>A bulleted list.</summary>
public sealed record ListBlock(ImmutableArray<RichText> Items) : NoticeBlock;

/// <summary>Labelled facts, such as "Lawful basis: ..." for an activity (an HTML description list).</summary>
public sealed record FactsBlock(ImmutableArray<NoticeFact> Facts) : NoticeBlock;

/// <summary>One labelled fact.</summary>
public sealed record NoticeFact(string Term, RichText Value);

/// <summary>A table. The first cell of each row names the row (rendered as a row header).</summary>
public sealed record TableBlock(string Caption, ImmutableArray<string> Columns, ImmutableArray<TableRow> Rows) : NoticeBlock;

/// <summary>One row of a <see cref="TableBlock"/>, with as many cells as the table has columns.</summary>
public sealed record TableRow(ImmutableArray<RichText> Cells);

/// <summary>
/// Information set apart from the rest so it cannot be missed, such as the right to object to direct
/// marketing, which Art. 21(4) GDPR requires to be presented clearly and separately.
/// </summary>
public sealed record CalloutBlock(string Title, ImmutableArray<NoticeBlock> Blocks) : NoticeBlock;
