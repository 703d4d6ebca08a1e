using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;
using Pledge.Storage;

namespace Pledge.Centre;

/// <summary>
/// One-time codes that prove control of an e-mail address, for the privacy centre's preferences. A challenge is a
/// random 128-bit id (kept only as its SHA-256) and a 6-digit code (kept only as an HMAC under the pseudonym key, bound
/// to the id and the address); it expires after <see cref="Lifetime"/>, allows <see cref="MaxAttempts"/> wrong codes and
/// is used once. The address itself is not stored: the caller keeps it (protected) and presents it with the code.
/// </summary>
public sealed class EmailChallenges(OwnStore store, PseudonymKey key)
{
    /// <summary>How long a code stays valid.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    /// <summary>Wrong codes accepted before the challenge is spent: 5 guesses of a 6-digit code succeed with p = 5·10⁻⁶.</summary>
    public const int MaxAttempts = 5;

    private readonly OwnStore _store = store ?? throw new ArgumentNullException(nameof(store));
    private readonly byte[] _key = HMACSHA256.HashData((key ?? throw new ArgumentNullException(nameof(key))).Bytes, "pledge-centre-challenge-v1"u8);

    /// <summary>Starts a challenge for <paramref name="email"/>: the id to hand back with the code, and the code to send.</summary>
    public async Task<(string Id, string Code)> StartAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var expires = _store.Time.GetUtcNow() + Lifetime;
        await _store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command("INSERT INTO centre_challenges (id, code_hash, expires_at, attempts, used) VALUES (@id, @hash, @expires, 0, 0)")
                .With("@id", IdHash(id)).With("@hash", CodeHash(id, email, code)).With("@expires", StoreTime.ToMicros(expires));
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);
        return (id, code);
    }

    /// <summary>Checks <paramref name="code"/> for challenge <paramref name="id"/> and <paramref name="email"/>; a wrong code is counted.</summary>
    public Task<ChallengeOutcome> VerifyAsync(string id, string email, string code, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(code);
        var now = _store.Time.GetUtcNow();
        return _store.WriteAsync(async (tx, ct) =>
        {
            var lockSuffix = tx.Kind == StoreKind.Postgres ? " FOR UPDATE" : "";
            string hash;
            long expires;
            int attempts;
            bool used;
            using (var read = tx.Command($"SELECT code_hash, expires_at, attempts, used FROM centre_challenges WHERE id = @id{lockSuffix}").With("@id", IdHash(id)))
            {
                using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
                if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    return new ChallengeOutcome(ChallengeStatus.Expired, 0);
                }

                hash = reader.GetString(0);
                expires = reader.GetInt64(1);
                attempts = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture);
                used = Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture) != 0;
            }

            if (used || StoreTime.ToMicros(now) > expires)
            {
                return new ChallengeOutcome(ChallengeStatus.Expired, 0);
            }

            if (attempts >= MaxAttempts)
            {
                return new ChallengeOutcome(ChallengeStatus.TooManyAttempts, 0);
            }

            var right = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CodeHash(id, email, code.Trim())), Encoding.ASCII.GetBytes(hash));
            using var update = tx.Command(right
                    ? "UPDATE centre_challenges SET used = 1 WHERE id = @id"
                    : "UPDATE centre_challenges SET attempts = attempts + 1 WHERE id = @id")
                .With("@id", IdHash(id));
            await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return right
                ? new ChallengeOutcome(ChallengeStatus.Verified, MaxAttempts - attempts)
                : new ChallengeOutcome(attempts + 1 >= MaxAttempts ? ChallengeStatus.TooManyAttempts : ChallengeStatus.Wrong, MaxAttempts - attempts - 1);
        }, cancellationToken);
    }

    /// <summary>Deletes challenges that expired before <paramref name="before"/>; returns how many.</summary>
    public Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _store.WriteAsync(async (tx, ct) =>
        {
            using var command = tx.Command("DELETE FROM centre_challenges WHERE expires_at < @before").With("@before", StoreTime.ToMicros(before));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    private static string IdHash(string id) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)));

    private string CodeHash(string id, string email, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(id + "\0" + email.Trim().ToLowerInvariant() + "\0" + code)));
}

/// <summary>How a code check ended.</summary>
public enum ChallengeStatus
{
    Verified,
    Wrong,
    TooManyAttempts,
    Expired,
}

/// <summary>The outcome of a code check and the wrong codes still allowed.</summary>
public readonly record struct ChallengeOutcome(ChallengeStatus Status, int AttemptsLeft);
