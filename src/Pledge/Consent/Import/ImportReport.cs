namespace Pledge.Consent.Import;

/// <summary>A rejected row: its line in the file and why.</summary>
public sealed record RejectedRow(int Line, string Reason);

/// <summary>What an import did.</summary>
/// <param name="Rows">Data rows read.</param>
/// <param name="Imported">New events written.</param>
/// <param name="Duplicates">Rows whose idempotency key was already stored (or repeated in the file): stored once.</param>
/// <param name="RejectedCount">Rows rejected, all of them counted.</param>
/// <param name="Rejected">The first <see cref="ConsentImporter.MaxReported"/> rejected rows with their reasons.</param>
/// <param name="Committed">Whether anything was written: false when any row was rejected and invalid rows are not skipped.</param>
/// <param name="FileError">A problem with the file as a whole (header, malformed CSV), or null.</param>
public sealed record ImportReport(long Rows, long Imported, long Duplicates, long RejectedCount, IReadOnlyList<RejectedRow> Rejected, bool Committed, string? FileError);

/// <summary>How to import.</summary>
public sealed class ImportOptions
{
    /// <summary>Import the valid rows and report the rest. Default false: one rejected row means nothing is imported.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Validate only; write nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>Region for phone numbers written without a country code, e.g. <c>GB</c>.</summary>
    public string? DefaultRegion { get; init; }

    /// <summary>Who the audit log names for the import. Default <c>import</c>.</summary>
    public string Actor { get; init; } = "import";
}
