using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Storage;

namespace Pledge.Audit;

/// <summary>
/// Makes keyed pseudonyms: HMAC-SHA256 under the <see cref="PseudonymKey"/>, truncated to 128 bits, hex. The same
/// input always gives the same pseudonym, so entries about one subject can be followed without knowing who it is.
/// Thread safe.
/// </summary>
public sealed class Pseudonymizer
{
    private const string KeyIdMetaKey = "pseudonym_key_id";

    private readonly RecentSubject?[] _recent = new RecentSubject?[4096];

    // One keyed HMAC, set up once and reset after each use, behind a lock (the writers that share it take it for
    // about half a microsecond): the one-shot HMACSHA256.HashData sets the key up again on every call, which costs
    // more than the hash itself (bench: PseudonymizerBenchmarks).
    private readonly IncrementalHash _hmac;
    private readonly Lock _hmacLock = new();

    /// <summary>Creates a pseudonymizer for <paramref name="key"/>.</summary>
    public Pseudonymizer(PseudonymKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Bytes);
    }

    /// <summary>The key's public fingerprint.</summary>
    public string KeyId => Key.Id;

    private PseudonymKey Key { get; }

    /// <summary>
    /// A pseudonymizer bound to <paramref name="store"/>: the first use records the key's fingerprint in the store;
    /// later uses with another key throw <see cref="StoreException"/> (<see cref="StoreErrorKind.PseudonymKeyMismatch"/>),
    /// since pseudonyms under two keys could never be matched.
    /// </summary>
    public static async Task<Pseudonymizer> ForStoreAsync(OwnStore store, PseudonymKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var pseudonymizer = new Pseudonymizer(key);
        var stored = await store.WriteAsync(async (tx, ct) =>
        {
            using var read = tx.Command("SELECT value FROM store_meta WHERE key = @k").With("@k", KeyIdMetaKey);
            if (await read.ExecuteScalarAsync(ct).ConfigureAwait(false) is string existing)
            {
                return existing;
            }

            using var write = tx.Command("INSERT INTO store_meta (key, value) VALUES (@k, @v)").With("@k", KeyIdMetaKey).With("@v", key.Id);
            await write.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            tx.Audit(new AuditEntry("pledge", "store.pseudonym_key.bound", null, "key " + key.Id));
            return key.Id;
        }, cancellationToken).ConfigureAwait(false);

        if (!string.Equals(stored, key.Id, StringComparison.Ordinal))
        {
            throw new StoreException(StoreErrorKind.PseudonymKeyMismatch,
                $"the pseudonym key (id {key.Id}) is not the one this store was created with (id {stored}); set {PseudonymKey.EnvironmentVariable} to that key");
        }

        return pseudonymizer;
    }

    /// <summary>The pseudonym of the subject with internal id <paramref name="subjectId"/>, as shown in the audit log.</summary>
    public Pseudonym Subject(long subjectId)
    {
        // On the ledger's append path once per event, and subjects recur: a direct-mapped table of recent ones saves
        // the keyed hash (a call into the platform's crypto library) most of the time. A slot holds one immutable
        // pair, so a racing writer can only replace it with another correct one.
        var slot = (int)((ulong)subjectId % (ulong)_recent.Length);
        if (_recent[slot] is { } hit && hit.SubjectId == subjectId)
        {
            return hit.Pseudonym;
        }

        var made = MakeSubject(subjectId);
        _recent[slot] = new RecentSubject(subjectId, made);
        return made;
    }

    private Pseudonym MakeSubject(long subjectId)
    {
        // No intermediate strings or arrays.
        Span<byte> input = stackalloc byte[8 + 20];
        "subject\0"u8.CopyTo(input);
        subjectId.TryFormat(input[8..], out var written, default, CultureInfo.InvariantCulture);
        Span<byte> mac = stackalloc byte[32];
        Hmac(input[..(8 + written)], mac);
        return new Pseudonym(string.Create(34, mac[..16].ToArray(), static (chars, bytes) =>
        {
            chars[0] = 's';
            chars[1] = '_';
            Convert.TryToHexStringLower(bytes, chars[2..], out _);
        }));
    }

    /// <summary>The pseudonym that replaces an identifier on erasure; computable again from the identifier and the key.</summary>
    public Pseudonym Identifier(string kind, string normalizedValue) => new("ps_" + Mac("identifier\0" + kind + "\0" + normalizedValue));

    private string Mac(string input)
    {
        Span<byte> mac = stackalloc byte[32];
        Hmac(Encoding.UTF8.GetBytes(input), mac);
        return Convert.ToHexStringLower(mac[..16]);
    }

    private void Hmac(ReadOnlySpan<byte> input, Span<byte> mac)
    {
        lock (_hmacLock)
        {
            _hmac.AppendData(input);
            _hmac.GetHashAndReset(mac);
        }
    }

    private sealed record RecentSubject(long SubjectId, Pseudonym Pseudonym);
}
