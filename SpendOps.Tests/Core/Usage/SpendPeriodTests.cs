using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Usage;

/// <summary>Dashboard periods as UTC instants for a New York tenant (UTC-5 in winter, UTC-4 in summer).</summary>
public sealed class SpendPeriodTests
{
    private static readonly TenantCalendar NewYork = TenantCalendar.For("America/New_York");

    [Theory]
    // 1 March 03:00 UTC is still 28 February in New York.
    [InlineData(SpendPeriodKind.Today, "2026-03-01T03:00:00Z", "2026-02-28T05:00:00Z", "2026-03-01T05:00:00Z")]
    [InlineData(SpendPeriodKind.Last7Days, "2026-03-10T22:00:00Z", "2026-03-04T05:00:00Z", "2026-03-11T04:00:00Z")]
    [InlineData(SpendPeriodKind.ThisMonth, "2026-03-01T03:00:00Z", "2026-02-01T05:00:00Z", "2026-03-01T05:00:00Z")]
    [InlineData(SpendPeriodKind.ThisMonth, "2026-03-10T22:00:00Z", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z")]
    [InlineData(SpendPeriodKind.LastMonth, "2026-01-15T12:00:00Z", "2025-12-01T05:00:00Z", "2026-01-01T05:00:00Z")]
    public void Resolve_NewYorkTenant_UsesLocalMidnights(SpendPeriodKind kind, string now, string from, string to)
    {
        var period = SpendPeriod.Resolve(kind, NewYork, DateTimeOffset.Parse(now));

        Assert.Equal(DateTimeOffset.Parse(from), period.From);
        Assert.Equal(DateTimeOffset.Parse(to), period.To);
    }

    [Fact]
    public void Resolve_CustomRangeGivenBackwards_CoversBothDaysInOrder()
    {
        var period = SpendPeriod.Resolve(SpendPeriodKind.Custom, NewYork, DateTimeOffset.Parse("2026-03-10T22:00:00Z"), new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 7));

        Assert.Equal(DateTimeOffset.Parse("2026-03-07T05:00:00Z"), period.From);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T04:00:00Z"), period.To);
    }

    [Fact]
    public void For_UnknownZone_FallsBackToUtc()
    {
        var calendar = TenantCalendar.For("Mars/Olympus_Mons");

        Assert.Equal(TimeZoneInfo.Utc, calendar.Zone);
    }

    [Fact]
    public void StartOfDay_MidnightSkippedBySpringForward_IsFirstValidMinute()
    {
        // Santiago springs forward at 00:00 on 6 September 2026: the day starts at 01:00 local (-03:00).
        var santiago = TenantCalendar.For("America/Santiago");

        var start = santiago.StartOfDay(new DateOnly(2026, 9, 6));

        Assert.Equal(DateTimeOffset.Parse("2026-09-06T04:00:00Z"), start);
    }
}
