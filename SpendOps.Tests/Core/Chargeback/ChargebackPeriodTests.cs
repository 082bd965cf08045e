using SpendOps.Core.Chargeback;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>Chargeback periods in a tenant's time zone and the periods they are compared with; New York is UTC-5 in winter, UTC-4 in summer.</summary>
public sealed class ChargebackPeriodTests
{
    private static readonly TenantCalendar NewYork = TenantCalendar.For("America/New_York");

    [Fact]
    public void LastMonth_JustAfterUtcMidnightOfTheFirst_IsStillTheMonthBeforeLocally()
    {
        // 1 December 03:00 UTC is 30 November 22:00 in New York: last month there is October.
        var period = ChargebackPeriod.LastMonth(NewYork, DateTimeOffset.Parse("2026-12-01T03:00:00Z"));

        Assert.Equal((new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1)), (period.FirstDay, period.EndDay));
        Assert.Equal(DateTimeOffset.Parse("2026-10-01T04:00:00Z"), period.From);
        Assert.Equal(DateTimeOffset.Parse("2026-11-01T04:00:00Z"), period.To);
    }

    [Fact]
    public void Previous_OfAQuarter_IsTheQuarterBefore()
    {
        var previous = ChargebackPeriod.Quarter(NewYork, 2026, 1).Previous(NewYork);

        Assert.Equal((new DateOnly(2025, 10, 1), new DateOnly(2026, 1, 1)), (previous.FirstDay, previous.EndDay));
        Assert.Equal(DateTimeOffset.Parse("2025-10-01T04:00:00Z"), previous.From);
    }

    [Fact]
    public void Previous_OfARangeOfDays_IsAsManyDaysBefore()
    {
        var previous = ChargebackPeriod.Days(TenantCalendar.Utc, new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 20)).Previous(TenantCalendar.Utc);

        Assert.Equal((new DateOnly(2026, 2, 28), new DateOnly(2026, 3, 10)), (previous.FirstDay, previous.EndDay));
    }

    [Theory]
    [InlineData("dim:Team,model", "dim:team|model")]
    [InlineData("user, source ,key,provider", "user|source|key|provider")]
    public void KeyList_Parses(string text, string expected)
    {
        Assert.True(ChargebackKey.TryParseList(text, out var keys, out _));
        Assert.Equal(expected, string.Join("|", keys));
    }

    [Theory]
    [InlineData("")]
    [InlineData("colour")]
    [InlineData("dim:")]
    [InlineData("model,model")]
    [InlineData("dim:a,dim:b,dim:c,dim:d,model")]
    [InlineData("1")]
    public void KeyList_Refuses(string text) => Assert.False(ChargebackKey.TryParseList(text, out _, out _));
}
