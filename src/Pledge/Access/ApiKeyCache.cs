using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Pledge.Storage;

namespace Pledge.Access;

/// <summary>
/// Verified API keys remembered for <paramref name="lifetime"/>, so a busy client costs one store read per key per
/// lifetime instead of one per request. Entries are keyed by a SHA-256 of the token (the cache holds no token), only
/// keys that verified are remembered (a flood of wrong tokens cannot fill it), and at most
/// <paramref name="capacity"/> are kept. A key revoked through <see cref="Forget"/> stops working here at once; one
/// revoked elsewhere (the CLI, another instance) within <paramref name="lifetime"/>. Thread safe.
/// </summary>
public sealed class ApiKeyCache(OwnStore store, TimeSpan lifetime, int capacity = 10_000)
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long a verified key is trusted without asking the store again.</summary>
    public TimeSpan Lifetime { get; } = lifetime;

    /// <summary>The key <paramref name="token"/> names, if it exists and is not revoked; from memory when recently verified.</summary>
    public async ValueTask<ApiKeyInfo?> VerifyAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        var now = store.Time.GetUtcNow();
        var id = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
        if (_entries.TryGetValue(id, out var hit) && hit.Expires > now)
        {
            return hit.Info;
        }

        var info = await ApiKeys.VerifyAsync(store, token, cancellationToken).ConfigureAwait(false);
        if (info is null)
        {
            _entries.TryRemove(id, out _);
            return null;
        }

        if (_entries.Count >= capacity)
        {
            _entries.Clear();
        }

        _entries[id] = new Entry(info, now + Lifetime);
        return info;
    }

    /// <summary>Forgets the key with <paramref name="keyId"/>: the next request with it asks the store.</summary>
    public void Forget(string keyId)
    {
        foreach (var (id, entry) in _entries)
        {
            if (entry.Info.Id == keyId)
            {
                _entries.TryRemove(id, out _);
            }
        }
    }

    private sealed record Entry(ApiKeyInfo Info, DateTimeOffset Expires);
}
