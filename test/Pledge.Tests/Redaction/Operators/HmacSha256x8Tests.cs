using System.Buffers.Binary;
using System.Security.Cryptography;
using Pledge.Redaction;

namespace Pledge.Tests.Redaction.Operators;

public sealed class HmacSha256x8Tests
{
    [Theory]
    [InlineData(16)]
    [InlineData(32)]
    [InlineData(64)]
    [InlineData(100)]
    public void Mac64_AnyLengthsAndCounts_EqualsPlatformHmac(int keyLength)
    {
        var random = new Random(keyLength);
        var key = new byte[keyLength];
        random.NextBytes(key);
        var hmac = new HmacSha256x8(key);

        for (var round = 0; round < 200; round++)
        {
            var count = 1 + (round % HmacSha256x8.Lanes);
            var lengths = Enumerable.Range(0, count).Select(k => (round + (k * 7)) % (HmacSha256x8.MaxMessageBytes + 1)).ToArray();
            var offsets = new int[count];
            var bytes = new byte[lengths.Sum() + 3];
            random.NextBytes(bytes);
            for (var k = 1; k < count; k++)
            {
                offsets[k] = offsets[k - 1] + lengths[k - 1];
            }

            var macs = new ulong[count];
            hmac.Mac64(bytes, offsets, lengths, macs);

            for (var k = 0; k < count; k++)
            {
                var expected = HMACSHA256.HashData(key, bytes.AsSpan(offsets[k], lengths[k]));
                Assert.Equal(BinaryPrimitives.ReadUInt64BigEndian(expected), macs[k]);
            }
        }
    }
}
