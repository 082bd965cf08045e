using Microsoft.Extensions.Time.Testing;
using SpendOps.Proxy.Usage;

namespace SpendOps.Tests.Proxy.Usage;

public sealed class MinuteSummaryTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));
    private readonly List<long> reports = [];

    [Fact]
    public void Add_HundredTimesWithinAMinute_ReportsTheFirstAtOnceAndTheOthersAsOneSumAfterTheMinute()
    {
        using var summary = new MinuteSummary(clock, (count, _) => reports.Add(count));

        for (var i = 0; i < 100; i++)
            summary.Add(1);
        Assert.Equal([1], reports);

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal([1], reports);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([1, 99], reports);
    }

    [Fact]
    public void Add_AfterAQuietMinute_ReportsAtOnceAgain()
    {
        using var summary = new MinuteSummary(clock, (count, _) => reports.Add(count));
        summary.Add(3);
        summary.Add(4);
        clock.Advance(TimeSpan.FromMinutes(1));

        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([3, 4], reports);
        summary.Add(5);

        Assert.Equal([3, 4, 5], reports);
    }

    [Fact]
    public void Add_WithAnError_ReportsTheLastErrorWithTheSum()
    {
        var errors = new List<string?>();
        using var summary = new MinuteSummary(clock, (_, error) => errors.Add(error?.Message));

        summary.Add(1, new IOException("disk full"));
        summary.Add(1, new IOException("read-only file system"));
        clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(["disk full", "read-only file system"], errors);
    }
}
