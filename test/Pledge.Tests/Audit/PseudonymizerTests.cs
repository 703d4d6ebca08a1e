using System.Security.Cryptography;
using System.Text;
using Pledge.Audit;

namespace Pledge.Tests.Audit;

/// <summary>Subject pseudonyms are the keyed hash of the subject's id, whatever the table of recent ones holds.</summary>
public sealed class PseudonymizerTests
{
    private static readonly PseudonymKey Key = PseudonymKey.Parse(new string('7', 64)).Key!;

    [Fact]
    public void Subject_IsTheTruncatedKeyedHashOfTheId()
    {
        var pseudonyms = new Pseudonymizer(Key);
        var mac = HMACSHA256.HashData(Key.Bytes, Encoding.ASCII.GetBytes("subject\0" + "42"));
        Assert.Equal("s_" + Convert.ToHexStringLower(mac[..16]), pseudonyms.Subject(42).Value);
    }

    [Fact]
    public void Subject_IdsSharingARecentSlot_KeepTheirOwnPseudonyms()
    {
        var pseudonyms = new Pseudonymizer(Key);
        // Ids far apart and ids that map to the same slot of any power-of-two table, interleaved and repeated.
        long[] ids = [1, 4097, 1 + 65_536, 1, 4097, 8193, long.MaxValue, 0, 1];
        var first = ids.Distinct().ToDictionary(id => id, id => new Pseudonymizer(Key).Subject(id).Value);
        foreach (var id in ids)
        {
            Assert.Equal(first[id], pseudonyms.Subject(id).Value);
        }

        Assert.Equal(first.Count, first.Values.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Subject_FromManyThreads_IsAlwaysTheSame()
    {
        var pseudonyms = new Pseudonymizer(Key);
        var expected = Enumerable.Range(0, 10_000).Select(i => new Pseudonymizer(Key).Subject(i).Value).ToArray();
        Parallel.For(0, 200_000, i => Assert.Equal(expected[i % 10_000], pseudonyms.Subject(i % 10_000).Value));
    }
}
