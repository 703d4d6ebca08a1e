using System.Globalization;
using Pledge.Storage;

namespace Pledge.Requests;

/// <summary>
/// The export zips of answered access and portability requests, kept in the own store until they expire, so any
/// instance behind the same store can hand them out. One export per request: a new run replaces the old one.
/// </summary>
public static class RequestExports
{
    /// <summary>A kept export.</summary>
    public sealed record StoredExport(string FileName, byte[] Content, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

    /// <summary>Keeps <paramref name="content"/> as the export of <paramref name="requestId"/> for <paramref name="keep"/>, replacing an older one and dropping expired ones.</summary>
    public static Task SaveAsync(OwnStore store, long requestId, string fileName, byte[] content, TimeSpan keep, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        var now = store.Time.GetUtcNow();
        return store.WriteAsync(async (tx, ct) =>
        {
            using (var delete = tx.Command("DELETE FROM request_exports WHERE request_id = @id OR expires_at < @now").With("@id", requestId).With("@now", StoreTime.ToMicros(now)))
            {
                await delete.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            using var insert = tx.Command("INSERT INTO request_exports (request_id, file_name, content, created_at, expires_at) VALUES (@id, @name, @content, @at, @expires)")
                .With("@id", requestId).With("@name", fileName).With("@content", content).With("@at", StoreTime.ToMicros(now)).With("@expires", StoreTime.ToMicros(now + keep));
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new Audit.AuditEntry(actor, "request.export_stored", null, string.Create(CultureInfo.InvariantCulture, $"request {requestId}; {content.Length} bytes until {now + keep:yyyy-MM-dd}")));
        }, cancellationToken);
    }

    /// <summary>The unexpired export of <paramref name="requestId"/>, or null.</summary>
    public static Task<StoredExport?> FindAsync(OwnStore store, long requestId, CancellationToken cancellationToken = default) =>
        store.ReadAsync(async (session, ct) =>
        {
            using var select = session.Command("SELECT file_name, content, created_at, expires_at FROM request_exports WHERE request_id = @id AND expires_at >= @now")
                .With("@id", requestId).With("@now", StoreTime.ToMicros(store.Time.GetUtcNow()));
            using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false)
                ? new StoredExport(reader.GetString(0), (byte[])reader.GetValue(1), StoreTime.FromMicros(reader.GetInt64(2)), StoreTime.FromMicros(reader.GetInt64(3)))
                : null;
        }, cancellationToken);
}
