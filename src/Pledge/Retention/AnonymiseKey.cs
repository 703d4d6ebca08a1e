using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Pledge.Audit;

namespace Pledge.Retention;

/// <summary>
/// The secret of the hash strategy when retention anonymises: HMAC-SHA256(pseudonym key, "pledge-erasure-v1"), the
/// same derivation erasure uses, so a value hashes to the same token whether a request or a retention rule removed it.
/// A token is the lower-case hex of HMAC-SHA256(key, UTF-8 text), computed inside the database: on PostgreSQL from
/// the key's inner and outer pads with the built-in <c>sha256()</c>, on SQLite by a function registered on the connection.
/// </summary>
public sealed class AnonymiseKey
{
    internal const string SqliteFunction = "pledge_hmac";
    private const int BlockSize = 64;
    private readonly byte[] _key;

    private AnonymiseKey(byte[] key)
    {
        _key = key;
        var block = new byte[BlockSize];
        key.CopyTo(block, 0);
        InnerPad = [.. block.Select(b => (byte)(b ^ 0x36))];
        OuterPad = [.. block.Select(b => (byte)(b ^ 0x5c))];
    }

    internal byte[] InnerPad { get; }

    internal byte[] OuterPad { get; }

    /// <summary>A key for showing statements in a plan, never for running them.</summary>
    internal static AnonymiseKey Placeholder { get; } = new(new byte[32]);

    /// <summary>The key derived from the organisation's pseudonym key.</summary>
    public static AnonymiseKey From(PseudonymKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new AnonymiseKey(HMACSHA256.HashData(key.Bytes, "pledge-erasure-v1"u8));
    }

    /// <summary>The token <paramref name="text"/> anonymises to.</summary>
    public string Token(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    /// <summary>Makes the token function callable from SQL on <paramref name="connection"/>.</summary>
    internal void Register(SqliteConnection connection) =>
        connection.CreateFunction<object?, string?>(SqliteFunction,
            value => value is null or DBNull ? null : Token(Convert.ToString(value, CultureInfo.InvariantCulture)!), isDeterministic: true);
}
