using Pledge.Redaction.Detectors;

namespace Pledge.Tests.Redaction.Detectors;

public sealed class ByteKindsTests
{
    /// <summary>The vectorised run of e-mail local-part bytes ends where the byte table says, for every byte value.</summary>
    [Fact]
    public void LocalRunEnd_EveryByteAndLength_SameAsTheTable()
    {
        for (var b = 0; b < 256; b++)
        {
            for (var at = 0; at < 80; at += 7)
            {
                var s = new byte[100];
                Array.Fill(s, (byte)'a');
                s[at] = (byte)b;
                foreach (var max in new[] { 1, 31, 32, 33, 64, 100, 320 })
                {
                    Assert.Equal(ByteKinds.RunEnd(s, 0, ByteKind.Local, max), ByteKinds.LocalRunEnd(s, 0, max));
                    Assert.Equal(ByteKinds.RunEnd(s, 3, ByteKind.Local, max), ByteKinds.LocalRunEnd(s, 3, max));
                }
            }
        }
    }

    [Fact]
    public void LocalRunEnd_RandomText_SameAsTheTable()
    {
        var random = new Random(5);
        var alphabet = "abcXYZ019.-_%+@ :/\\=\"'<>*\u00e9"u8.ToArray();
        for (var n = 0; n < 2_000; n++)
        {
            var s = new byte[random.Next(1, 120)];
            for (var i = 0; i < s.Length; i++)
            {
                s[i] = random.Next(4) == 0 ? alphabet[random.Next(alphabet.Length)] : (byte)random.Next('a', 'z' + 1);
            }

            var start = random.Next(s.Length);
            var max = random.Next(1, 330);
            Assert.Equal(ByteKinds.RunEnd(s, start, ByteKind.Local, max), ByteKinds.LocalRunEnd(s, start, max));
        }
    }
}
