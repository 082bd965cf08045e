using System.Globalization;
using SpendOps.Proxy.Forwarding;

namespace SpendOps.Tests.Proxy.Forwarding;

/// <summary>The <c>X-ASO-Request-Id</c> of a call: an RFC 9562 version-7 UUID behind <c>aso_</c>, unique, in time order.</summary>
public sealed class RequestIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 12, 3, 12, 0, 0, 123, TimeSpan.Zero);

    [Fact]
    public void New_IsAsoAndTheHexDigitsOfAVersion7Uuid()
    {
        var id = RequestIds.New(Noon);

        Assert.Matches("^aso_[0-9a-f]{32}$", id);
        var uuid = Guid.ParseExact(id["aso_".Length..], "N");
        Assert.Equal(7, uuid.Version);
        Assert.Equal(0b10, uuid.Variant >> 2);
    }

    [Fact]
    public void New_StartsWithTheCallsUnixMilliseconds()
    {
        var id = RequestIds.New(Noon);

        // 2026-12-03T12:00:00.123Z is 1,796,299,200,123 ms after the Unix epoch: 0x01a23bc6967b.
        Assert.Equal(1_796_299_200_123L, long.Parse(id.AsSpan(4, 12), NumberStyles.HexNumber));
        Assert.Equal("01a23bc6967b", id.Substring(4, 12));
    }

    [Fact]
    public void New_ManyInTheSameMillisecond_AreAllDifferent()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => RequestIds.New(Noon)).ToHashSet();

        Assert.Equal(100_000, ids.Count);
    }

    [Fact]
    public void New_ALaterCall_SortsAfter()
    {
        var first = RequestIds.New(Noon);
        var next = RequestIds.New(Noon.AddMilliseconds(1));

        Assert.True(string.CompareOrdinal(first, next) < 0);
    }
}
