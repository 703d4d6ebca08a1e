using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Access;

/// <summary>What an API key may do.</summary>
public static class ApiScopes
{
    /// <summary>Ask the decision API whether an activity may process a subject.</summary>
    public const string Decide = "decide";

    /// <summary>Record consent events through the API.</summary>
    public const string ConsentWrite = "consent:write";

    /// <summary>Administer the server (keys, requests, retention).</summary>
    public const string Admin = "admin";

    /// <summary>List and read data-subject requests.</summary>
    public const string RequestsRead = "requests:read";

    /// <summary>Submit data-subject requests and act on them (verify, approve, extend, reject, run).</summary>
    public const string RequestsWrite = "requests:write";

    /// <summary>Read the retention plan and past runs.</summary>
    public const string RetentionRead = "retention:read";

    /// <summary>Every scope there is.</summary>
    public static ImmutableArray<string> All { get; } = [Decide, ConsentWrite, Admin, RequestsRead, RequestsWrite, RetentionRead];
}

/// <summary>A stored API key, without its secret.</summary>
public sealed record ApiKeyInfo(string Id, string Name, ImmutableArray<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just created: <see cref="Token"/> is shown once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyInfo Info, string Token);

/// <summary>
/// API keys for machine clients, kept in the own store. A token is <c>pk_ID_SECRET</c>; only the SHA-256 of the
/// secret is stored, and verification compares hashes in constant time. Thread safe.
/// </summary>
public static class ApiKeys
{
    private const string Prefix = "pk_";

    /// <summary>Creates a key with <paramref name="scopes"/> and audits it; the token is returned once.</summary>
    public static async Task<CreatedApiKey> CreateAsync(OwnStore store, string name, IEnumerable<string> scopes, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var granted = scopes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToImmutableArray();
        if (granted.IsEmpty || granted.Any(s => !ApiScopes.All.Contains(s)))
        {
            throw new ArgumentException($"scopes must be some of: {string.Join(", ", ApiScopes.All)}", nameof(scopes));
        }

        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = store.Time.GetUtcNow();
        await store.WriteAsync(async (tx, ct) =>
        {
            using var insert = tx.Command("INSERT INTO api_keys (id, name, secret_hash, scopes, created_at) VALUES (@id, @name, @hash, @scopes, @at)")
                .With("@id", id).With("@name", name).With("@hash", Hash(secret)).With("@scopes", string.Join(' ', granted)).With("@at", StoreTime.ToMicros(now));
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new AuditEntry(actor, "api_key.create", null, $"{id} {string.Join(' ', granted)}"));
        }, cancellationToken).ConfigureAwait(false);
        return new CreatedApiKey(new ApiKeyInfo(id, name, granted, now, null), Prefix + id + "_" + secret);
    }

    /// <summary>The key <paramref name="token"/> names when it is well formed, known, unrevoked and its secret matches; else null.</summary>
    public static async Task<ApiKeyInfo?> VerifyAsync(OwnStore store, string? token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (token is null || token.Length > 200 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var separator = token.IndexOf('_', Prefix.Length);
        if (separator < 0)
        {
            return null;
        }

        var id = token[Prefix.Length..separator];
        var presented = Hash(token[(separator + 1)..]);
        return await store.ReadAsync(async (session, ct) =>
        {
            using var select = session.Command("SELECT name, secret_hash, scopes, created_at, revoked_at FROM api_keys WHERE id = @id").With("@id", id);
            using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false) || !reader.IsDBNull(4))
            {
                return null;
            }

            var stored = (byte[])reader.GetValue(1);
            return CryptographicOperations.FixedTimeEquals(stored, presented)
                ? new ApiKeyInfo(id, reader.GetString(0), [.. reader.GetString(2).Split(' ')], StoreTime.FromMicros(reader.GetInt64(3)), null)
                : null;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The keys, newest first, revoked ones included.</summary>
    public static Task<IReadOnlyList<ApiKeyInfo>> ListAsync(OwnStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.ReadAsync<IReadOnlyList<ApiKeyInfo>>(async (session, ct) =>
        {
            using var select = session.Command("SELECT id, name, scopes, created_at, revoked_at FROM api_keys ORDER BY created_at DESC, id");
            using var reader = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var list = new List<ApiKeyInfo>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                list.Add(new ApiKeyInfo(reader.GetString(0), reader.GetString(1), [.. reader.GetString(2).Split(' ')], StoreTime.FromMicros(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : StoreTime.FromMicros(reader.GetInt64(4))));
            }

            return list;
        }, cancellationToken);
    }

    /// <summary>Revokes the key <paramref name="id"/>; false when there is no such unrevoked key.</summary>
    public static Task<bool> RevokeAsync(OwnStore store, string id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.WriteAsync(async (tx, ct) =>
        {
            using var update = tx.Command("UPDATE api_keys SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL")
                .With("@at", StoreTime.ToMicros(store.Time.GetUtcNow())).With("@id", id);
            var revoked = await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
            if (revoked)
            {
                tx.Audit(new AuditEntry(actor, "api_key.revoke", null, id));
            }

            return revoked;
        }, cancellationToken);
    }

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
