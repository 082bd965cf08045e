using System.Security.Cryptography;
using System.Text;
using SpendOps.Core.Keys;

namespace SpendOps.Tests.Core.Keys;

/// <summary>The stored form of a key's secret and its check, against an HMAC worked out here with the framework alone.</summary>
public sealed class KeyHasherTests
{
    private static readonly byte[] ServerSecret = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly KeyHasher hasher = new(KeyHashSecret.FromBytes(ServerSecret));

    [Fact]
    public void Hash_IsTheSchemeAndAnHmacOfThePlainSha256()
    {
        var plain = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("k7abc.s3cret")));
        var expected = "h1:" + Convert.ToHexStringLower(HMACSHA256.HashData(ServerSecret, Encoding.UTF8.GetBytes(plain)));

        Assert.Equal(expected, hasher.Hash("k7abc", "s3cret"));
    }

    [Fact]
    public void Verify_AcceptsTheStoredHashOfTheSameSecretOnly()
    {
        var stored = hasher.Hash("k7abc", "s3cret");

        Assert.True(hasher.Verify("k7abc", "s3cret", stored));
        Assert.False(hasher.Verify("k7abc", "s3creT", stored));
        Assert.False(hasher.Verify("k7abd", "s3cret", stored));
        Assert.False(hasher.Verify("k7abc", "s3cret", stored[..^1]));
        Assert.False(hasher.Verify("k7abc", "s3cret", stored + "0"));
        // A row not yet upgraded from the plain SHA-256 is refused.
        Assert.False(hasher.Verify("k7abc", "s3cret", KeyHasher.LegacyHash("k7abc", "s3cret")));
        Assert.False(new KeyHasher(KeyHashSecret.FromBytes([.. ServerSecret.Reverse()])).Verify("k7abc", "s3cret", stored));
    }

    [Fact]
    public void Verify_ByHashersWithDifferentSecretsOnOneThread_EachUsesItsOwn()
    {
        var other = new KeyHasher(KeyHashSecret.FromBytes([.. ServerSecret.Reverse()]));
        var stored = hasher.Hash("k7abc", "s3cret");
        var storedByOther = other.Hash("k7abc", "s3cret");

        // In turns, and more than once each: every check on this thread must use its own hasher's secret.
        Assert.True(hasher.Verify("k7abc", "s3cret", stored));
        Assert.True(other.Verify("k7abc", "s3cret", storedByOther));
        Assert.False(hasher.Verify("k7abc", "s3cret", storedByOther));
        Assert.True(hasher.Verify("k7abc", "s3cret", stored));
        Assert.False(other.Verify("k7abc", "s3cret", stored));
        Assert.True(other.Verify("k7abc", "s3cret", storedByOther));
    }

    [Fact]
    public void Verify_OnManyThreadsAtOnce_GivesEveryThreadTheRightAnswer()
    {
        var stored = hasher.Hash("k7abc", "s3cret");

        var results = Enumerable.Range(0, 2_000).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => hasher.Verify("k7abc", i % 2 == 0 ? "s3cret" : "s3creT", stored) == (i % 2 == 0))
            .ToList();

        Assert.All(results, Assert.True);
    }
}
