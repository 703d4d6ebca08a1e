using System.Security.Cryptography;
using System.Text;
using Pledge.Storage;

namespace Pledge.Drp;

/// <summary>
/// What the Data Rights Protocol endpoints keep in the own store: agents' pair-wise tokens (only their SHA-256), the
/// requests each agent filed (a UUID per request), and the signatures already received, until their message expires.
/// </summary>
public sealed class DrpStore(OwnStore store)
{
    private readonly OwnStore _store = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Records a message's signature; false if it was received before (a replay). Expired ones are dropped.</summary>
    public Task<bool> FirstSightingAsync(ReadOnlyMemory<byte> signature, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        var now = _store.Time.GetUtcNow();
        var hash = Convert.ToHexStringLower(SHA256.HashData(signature.Span));
        return _store.WriteAsync(async (tx, ct) =>
        {
            using (var purge = tx.Command("DELETE FROM drp_seen WHERE expires_at < @now").With("@now", StoreTime.ToMicros(now)))
            {
                await purge.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            using var insert = tx.Command("INSERT INTO drp_seen (signature_hash, expires_at) VALUES (@hash, @expires) ON CONFLICT (signature_hash) DO NOTHING")
                .With("@hash", hash).With("@expires", StoreTime.ToMicros(expires));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <summary>Issues a new pair-wise token for <paramref name="agentId"/>; only its hash is stored.</summary>
    public async Task<string> IssueTokenAsync(string agentId, CancellationToken cancellationToken = default)
    {
        var token = "drp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await _store.WriteAsync(async (tx, ct) =>
        {
            using var insert = tx.Command("INSERT INTO drp_tokens (token_hash, agent_id, created_at) VALUES (@hash, @agent, @at)")
                .With("@hash", Hash(token)).With("@agent", agentId).With("@at", StoreTime.ToMicros(_store.Time.GetUtcNow()));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <summary>The agent a token was issued to, or null.</summary>
    public Task<string?> AgentOfAsync(string token, CancellationToken cancellationToken = default) =>
        _store.ReadAsync(async (s, ct) =>
        {
            using var command = s.Command("SELECT agent_id FROM drp_tokens WHERE token_hash = @hash").With("@hash", Hash(token));
            return await command.ExecuteScalarAsync(ct).ConfigureAwait(false) as string;
        }, cancellationToken);

    /// <summary>Links a new DRP request id to the desk's request.</summary>
    public Task AddRequestAsync(string requestId, string agentId, long request, string? regime, string exercise, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(async (tx, ct) =>
        {
            using var insert = tx.Command("INSERT INTO drp_requests (request_id, agent_id, request, regime, exercise, created_at) VALUES (@id, @agent, @request, @regime, @exercise, @at)")
                .With("@id", requestId).With("@agent", agentId).With("@request", request).With("@regime", regime).With("@exercise", exercise)
                .With("@at", StoreTime.ToMicros(_store.Time.GetUtcNow()));
            return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>The agent and desk request of a DRP request id, or null.</summary>
    public Task<(string Agent, long Request)?> FindRequestAsync(string requestId, CancellationToken cancellationToken = default) =>
        _store.ReadAsync<(string, long)?>(async (s, ct) =>
        {
            using var command = s.Command("SELECT agent_id, request FROM drp_requests WHERE request_id = @id").With("@id", requestId);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? (reader.GetString(0), reader.GetInt64(1)) : null;
        }, cancellationToken);

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
