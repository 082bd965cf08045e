using SpendOps.Proxy.Usage;

namespace SpendOps.Tests.Proxy.Usage;

public sealed class RetryBackoffTests
{
    private static readonly DateTime Start = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Failed_Repeatedly_DoublesTheWaitFromOneSecondUpToTheMaximum()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));

        var waits = Enumerable.Range(0, 9).Select(_ => backoff.Failed(Start).TotalSeconds).ToList();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], waits);
        Assert.Equal(9, backoff.Failures);
    }

    [Fact]
    public void IsWaiting_UntilTheNextAttemptIsDue()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        Assert.False(backoff.IsWaiting(Start));

        backoff.Failed(Start);
        backoff.Failed(Start.AddSeconds(1));

        Assert.True(backoff.IsWaiting(Start.AddSeconds(2.9)));
        Assert.False(backoff.IsWaiting(Start.AddSeconds(3)));
    }

    [Fact]
    public void Succeeded_AfterFailures_ReportsThemAndStartsAgainFromTheFirstWait()
    {
        var backoff = new RetryBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        backoff.Failed(Start);
        backoff.Failed(Start);
        backoff.Failed(Start);

        Assert.Equal(3, backoff.Succeeded());
        Assert.Equal(0, backoff.Succeeded());
        Assert.False(backoff.IsWaiting(Start));
        Assert.Equal(1, backoff.Failed(Start).TotalSeconds);
    }
}
