using SpendOps.Proxy.Auth;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>The memory of unknown key ids: brief, bounded, and forgotten when the key appears.</summary>
public sealed class UnknownKeyCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void UnknownId_IsRememberedForFiveSeconds()
    {
        var cache = new UnknownKeyCache();

        cache.Remember("k1", Now);

        Assert.True(cache.IsUnknown("k1", Now.AddSeconds(4.9)));
        Assert.False(cache.IsUnknown("k1", Now.AddSeconds(5)));
        Assert.False(cache.IsUnknown("k2", Now));
    }

    [Fact]
    public void IdThatAppears_IsForgotten()
    {
        var cache = new UnknownKeyCache();
        cache.Remember("k1", Now);

        cache.Forget("k1");

        Assert.False(cache.IsUnknown("k1", Now));
    }

    [Fact]
    public void FullCache_DropsExpiredEntriesAndNeverGrowsPastItsCapacity()
    {
        var cache = new UnknownKeyCache();
        for (var i = 0; i < UnknownKeyCache.Capacity; i++)
            cache.Remember($"old{i}", Now);

        cache.Remember("still-fresh-flood", Now.AddSeconds(1));
        var whileFull = cache.Count;
        cache.Remember("later", Now.AddSeconds(6));

        Assert.Equal(UnknownKeyCache.Capacity, whileFull);
        Assert.False(cache.IsUnknown("still-fresh-flood", Now.AddSeconds(1)));
        Assert.Equal(1, cache.Count);
        Assert.True(cache.IsUnknown("later", Now.AddSeconds(6)));
    }
}
