using System.Security.Cryptography;
using Pledge.Audit;

namespace Pledge.Erasure;

/// <summary>
/// The secret behind the <see cref="Policy.Model.ErasureStrategy.Hash"/> strategy. It is derived from the pseudonym
/// key (<see cref="PseudonymKey.EnvironmentVariable"/>) as HMAC-SHA256(pseudonym key, "pledge-erasure-v1"), so an
/// organisation keeps one secret, the same value hashes to the same token in every erasure and retention run (joins
/// and counts over erased rows still work), and an erased token never equals an audit pseudonym of the same value.
/// Losing the pseudonym key makes tokens unlinkable, which is the point of erasure; changing it changes future tokens.
/// </summary>
public sealed class ErasureKey
{
    /// <summary>HMAC-SHA256's block size: keys are padded to it.</summary>
    internal const int BlockSize = 64;

    private readonly byte[] _bytes;

    private ErasureKey(byte[] bytes)
    {
        _bytes = bytes;
        var block = new byte[BlockSize];
        bytes.CopyTo(block, 0); // 32 bytes, shorter than the block: RFC 2104 pads with zeros
        InnerPad = block.Select(b => (byte)(b ^ 0x36)).ToArray();
        OuterPad = block.Select(b => (byte)(b ^ 0x5c)).ToArray();
    }

    /// <summary>K ⊕ ipad, for computing the HMAC inside a database that has only a plain SHA-256.</summary>
    internal byte[] InnerPad { get; }

    /// <summary>K ⊕ opad.</summary>
    internal byte[] OuterPad { get; }

    /// <summary>The erasure key derived from the organisation's pseudonym key.</summary>
    public static ErasureKey From(PseudonymKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new ErasureKey(HMACSHA256.HashData(key.Bytes, "pledge-erasure-v1"u8));
    }

    /// <summary>The token a value erases to: lower-case hex of HMAC-SHA256(key, UTF-8 of <paramref name="text"/>).</summary>
    public string Token(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_bytes, System.Text.Encoding.UTF8.GetBytes(text)));
    }
}
