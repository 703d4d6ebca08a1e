using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Consent.Import;

/// <summary>
/// Imports existing consent records from CSV. Every row is validated first (the file is read twice, streamed, in
/// bounded memory); any rejected row means nothing is imported unless <see cref="ImportOptions.SkipInvalid"/> is set.
/// The rows are then written in one transaction, in chunks through the ledger's own writer, so the import is all or
/// nothing, retried rows (same idempotency key, or the same content when the file has no key column) are stored once,
/// and every event is audited.
/// </summary>
public sealed class ConsentImporter(ConsentLedger ledger)
{
    /// <summary>Most rejected rows listed in a report (all are counted).</summary>
    public const int MaxReported = 1000;

    /// <summary>Rows written per chunk inside the import's transaction.</summary>
    public const int ChunkSize = 5000;

    /// <summary>Imports the CSV that <paramref name="open"/> returns (called twice: validate, then write).</summary>
    public async Task<ImportReport> ImportAsync(Func<TextReader> open, ImportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(open);
        options ??= new ImportOptions();
        await ledger.RefreshVersionsAsync(cancellationToken).ConfigureAwait(false);

        long rows = 0, rejectedCount = 0;
        var rejected = new List<RejectedRow>();
        using (var reader = open())
        {
            try
            {
                foreach (var (line, e, error) in Rows(reader, options))
                {
                    rows++;
                    var reason = error ?? ledger.Validate(e!)?.Message;
                    if (reason is not null)
                    {
                        rejectedCount++;
                        if (rejected.Count < MaxReported)
                        {
                            rejected.Add(new RejectedRow(line, reason));
                        }
                    }
                }
            }
            catch (FormatException e)
            {
                return new ImportReport(rows, 0, 0, rejectedCount, rejected, false, e.Message);
            }
        }

        if ((rejectedCount > 0 && !options.SkipInvalid) || options.DryRun || rows == rejectedCount)
        {
            return new ImportReport(rows, 0, 0, rejectedCount, rejected, false, null);
        }

        var (imported, duplicates) = await ledger.Store.WriteAsync(async (tx, ct) =>
        {
            long added = 0, repeated = 0;
            var chunk = new List<LedgerEvent>(ChunkSize);
            using var reader = open();
            foreach (var (_, e, error) in Rows(reader, options))
            {
                if (error is null && ledger.Validate(e!) is null)
                {
                    chunk.Add(e!);
                }

                if (chunk.Count == ChunkSize)
                {
                    (added, repeated) = Count(await LedgerWriter.WriteAsync(tx, chunk, ledger.Pseudonyms, ct).ConfigureAwait(false), added, repeated);
                    chunk.Clear();
                    await tx.FlushAuditAsync(ct).ConfigureAwait(false);
                }
            }

            (added, repeated) = Count(await LedgerWriter.WriteAsync(tx, chunk, ledger.Pseudonyms, ct).ConfigureAwait(false), added, repeated);
            tx.Audit(new AuditEntry(options.Actor, "consent.imported", null, $"{added} events imported; {repeated} duplicates; {rejectedCount} rows rejected"));
            return (added, repeated);
        }, cancellationToken).ConfigureAwait(false);

        return new ImportReport(rows, imported, duplicates, rejectedCount, rejected, true, null);
    }

    /// <summary>Imports the CSV file at <paramref name="path"/>.</summary>
    public Task<ImportReport> ImportFileAsync(string path, ImportOptions? options = null, CancellationToken cancellationToken = default) =>
        ImportAsync(() => new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, new FileStreamOptions { BufferSize = 1 << 16 }), options, cancellationToken);

    private static (long, long) Count(AppendResult[] results, long added, long repeated)
    {
        foreach (var r in results)
        {
            if (r.Duplicate)
            {
                repeated++;
            }
            else
            {
                added++;
            }
        }

        return (added, repeated);
    }

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
}
