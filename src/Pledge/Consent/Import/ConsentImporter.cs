using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Consent.Import;

/// <summary>
/// Imports existing consent records from CSV, streamed in bounded memory. Every row is validated and every rejected row
/// reported with its line; any rejected row means nothing is imported unless <see cref="ImportOptions.SkipInvalid"/> is
/// set. The rows are written in one transaction, in chunks through the ledger's own writer, so the import is all or
/// nothing, retried rows (same idempotency key, or the same content when the file has no key column) are stored once,
/// and every event is audited.
/// </summary>
public sealed class ConsentImporter(ConsentLedger ledger)
{
    /// <summary>Most rejected rows listed in a report (all are counted).</summary>
    public const int MaxReported = 1000;

    /// <summary>Rows written per chunk inside the import's transaction.</summary>
    public const int ChunkSize = 5000;

    /// <summary>
    /// Imports the CSV that <paramref name="open"/> returns, in one pass and one transaction: valid rows are written as
    /// they are read, and if any row is rejected (and invalid rows are not skipped) the transaction is rolled back, so
    /// nothing is imported. A dry run validates without a transaction.
    /// </summary>
    public async Task<ImportReport> ImportAsync(Func<TextReader> open, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        options ??= new ImportOptions();
        await ledger.RefreshVersionsAsync(cancellationToken).ConfigureAwait(false);
        var tally = new Tally();
        try
        {
            if (options.DryRun)
            {
                using var reader = open();
                foreach (var (line, e, error) in Rows(reader, options))
                {
                    tally.Check(line, e, error, ledger);
                }

                return tally.Report(false, null);
            }

            return await ledger.Store.WriteAsync(async (tx, ct) =>
            {
                var chunk = new List<LedgerEvent>(ChunkSize);
                using var reader = open();
                foreach (var (line, e, error) in Rows(reader, options))
                {
                    if (tally.Check(line, e, error, ledger))
                    {
                        chunk.Add(e!);
                    }

                    if (chunk.Count == ChunkSize)
                    {
                        tally.Count(await LedgerWriter.WriteAsync(tx, chunk, ledger.Pseudonyms, ct).ConfigureAwait(false));
                        chunk.Clear();
                        await tx.FlushAuditAsync(ct).ConfigureAwait(false);
                    }
                }

                tally.Count(await LedgerWriter.WriteAsync(tx, chunk, ledger.Pseudonyms, ct).ConfigureAwait(false));
                if ((tally.RejectedCount > 0 && !options.SkipInvalid) || tally.Rows == tally.RejectedCount)
                {
                    tx.Discard();
                    return tally.Report(false, null);
                }

                tx.Audit(new AuditEntry(options.Actor, "consent.imported", null, $"{tally.Imported} events imported; {tally.Duplicates} duplicates; {tally.RejectedCount} rows rejected"));
                return tally.Report(true, null);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            // Malformed CSV: the transaction (if any) rolled back, so nothing was imported.
            return tally.Report(false, e.Message);
        }
    }

    /// <summary>Imports the CSV file at <paramref name="path"/>.</summary>
    public Task<ImportReport> ImportFileAsync(string path, ImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ImportAsync(() => new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 }), options, cancellationToken);

    private static IEnumerable<(int Line, LedgerEvent? Event, string? Error)> Rows(TextReader text, ImportOptions options)
    {
        var csv = new CsvReader(text);
        var header = csv.Read() ?? throw new FormatException("line 1: the file is empty; the first line names the columns");
        var (columns, headerError) = ImportColumns.From(header.Fields);
        if (columns is null)
        {
            throw new FormatException(headerError);
        }

        while (csv.Read() is var (line, fields))
        {
            if (fields.Count != header.Fields.Count)
            {
                yield return (line, null, $"the row has {fields.Count} fields; the header has {header.Fields.Count}");
                continue;
            }

            var (e, error) = Parse(columns, fields, options);
            yield return (line, e, error);
        }
    }

    private static (LedgerEvent? Event, string? Error) Parse(ImportColumns columns, List<string> fields, ImportOptions options)
    {
        var identifier = columns.Get(fields, "identifier") is { } text
            ? SubjectIdentifier.Parse(text, options.DefaultRegion)
            : SubjectIdentifier.Create(columns.Get(fields, "identifier_kind") ?? "", columns.Get(fields, "identifier_value") ?? "", options.DefaultRegion);
        if (identifier.Identifier is not { } subject)
        {
            return (null, identifier.Error);
        }

        if (!LedgerCodes.TryParseKind(columns.Get(fields, "event") ?? "", out var kind))
        {
            return (null, "event must be one of consent_given, consent_withdrawn, objection, compelling_grounds, restriction_placed, restriction_lifted, preference_set");
        }

        if (!DateTimeOffset.TryParse(columns.Get(fields, "at"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return (null, "at must be a date and time, e.g. 2025-03-01T09:30:00Z");
        }

        var channel = EvidenceChannel.Import;
        if (columns.Get(fields, "channel") is { } channelText && !LedgerCodes.TryParseChannel(channelText, out channel))
        {
            return (null, "channel must be one of web_form, cookie_banner, email_link, api, import, verbal, in_product");
        }

        if (!LedgerCodes.TryParseSignal(columns.Get(fields, "signal"), out var signal))
        {
            return (null, "signal must be empty, none or gpc");
        }

        var preference = kind == LedgerEventKind.PreferenceSet
            ? new Preference(columns.Get(fields, "preference_channel") ?? "", columns.Get(fields, "preference_topic") ?? "", columns.Get(fields, "preference_frequency") ?? "")
            : null;
        var activity = columns.Get(fields, "activity");
        var version = columns.Get(fields, "policy_version") ?? "";
        var actor = columns.Get(fields, "actor") ?? options.Actor;
        var key = columns.Get(fields, "idempotency_key")
            ?? DerivedKey(subject, kind, activity, at, version, channel, signal, actor, preference);
        return (new LedgerEvent(subject, kind, activity, new Evidence(at, version, channel, actor, key, signal), preference), null);
    }

    /// <summary>A key from the row's content, so re-importing a file without a key column stores nothing twice.</summary>
    private static string DerivedKey(SubjectIdentifier subject, LedgerEventKind kind, string? activity, DateTimeOffset at, string version,
        EvidenceChannel channel, ConsentSignal signal, string actor, Preference? preference)
    {
        var content = string.Join('\u001f', subject.Key, kind.Code(), activity, StoreTime.ToMicros(at).ToString(CultureInfo.InvariantCulture), version,
            channel.Code(), signal.Code(), actor, preference?.Channel, preference?.Topic, preference?.Frequency);
        return "import:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..40];
    }

    /// <summary>Counts and rejected rows while the file is read.</summary>
    private sealed class Tally
    {
        private readonly List<RejectedRow> _rejected = [];

        public long Rows { get; private set; }

        public long RejectedCount { get; private set; }

        public long Imported { get; private set; }

        public long Duplicates { get; private set; }

        /// <summary>Whether the row is valid; records why not.</summary>
        public bool Check(int line, LedgerEvent? e, string? error, ConsentLedger ledger)
        {
            Rows++;
            var reason = error ?? ledger.Validate(e!)?.Message;
            if (reason is null)
            {
                return true;
            }

            RejectedCount++;
            if (_rejected.Count < MaxReported)
            {
                _rejected.Add(new RejectedRow(line, reason));
            }

            return false;
        }

        public void Count(AppendResult[] results)
        {
            foreach (var result in results)
            {
                if (result.Duplicate)
                {
                    Duplicates++;
                }
                else
                {
                    Imported++;
                }
            }
        }

        public ImportReport Report(bool committed, string? fileError) =>
            new(Rows, committed ? Imported : 0, committed ? Duplicates : 0, RejectedCount, _rejected, committed, fileError);
    }
}
