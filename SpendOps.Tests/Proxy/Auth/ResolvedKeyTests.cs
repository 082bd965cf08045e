using SpendOps.Core.Keys;
using SpendOps.Proxy.Auth;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>
/// A key entry remembers the secret it last verified, so a repeated call skips the hashes; what it accepts must stay
/// exactly what the stored hash accepts.
/// </summary>
public sealed class ResolvedKeyTests
{
    private const string Id = "k7abc";
    private const string Secret = "s3cretS3cretS3cretS3cretS3cretS3cretS3c";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
    private readonly KeyHasher hasher = new(KeyHashSecret.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    [Fact]
    public void AfterTheRightSecret_OnlyThatSecretIsAccepted()
    {
        var key = Key(expiresAt: null);

        Assert.True(key.Accepts(Secret, Now, hasher));
        Assert.False(key.Accepts(Secret[..^1] + "x", Now, hasher));
        Assert.False(key.Accepts(Secret.AsSpan(0, Secret.Length - 1), Now, hasher));
        Assert.False(key.Accepts("", Now, hasher));
        Assert.True(key.Accepts(Secret, Now, hasher));
    }

    [Fact]
    public void AfterTheRightSecret_AnExpiredKeyIsRefused()
    {
        var key = Key(expiresAt: Now.AddMinutes(1));
        Assert.True(key.Accepts(Secret, Now, hasher));

        Assert.False(key.Accepts(Secret, Now.AddMinutes(2), hasher));
    }

    [Fact]
    public void SecretVerifiedByOneHashSecret_IsCheckedAgainUnderAnother()
    {
        var key = Key(expiresAt: null);
        Assert.True(key.Accepts(Secret, Now, hasher));

        var otherHostsHasher = new KeyHasher(KeyHashSecret.FromBytes(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray()));

        Assert.False(key.Accepts(Secret, Now, otherHostsHasher));
    }

    private ResolvedKey Key(DateTimeOffset? expiresAt) => new(new ApiKey
    {
        Id = Id, Name = "k", SecretHash = hasher.Hash(Id, Secret), SecretHint = Secret[^4..], ExpiresAt = expiresAt,
    }, "t");
}
