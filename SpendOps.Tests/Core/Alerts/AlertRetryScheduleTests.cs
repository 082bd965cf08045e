using SpendOps.Core.Alerts;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>The wait after each failed attempt: base, doubled each time, capped.</summary>
public sealed class AlertRetryScheduleTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 60)]
    [InlineData(3, 120)]
    [InlineData(5, 480)]
    [InlineData(7, 1920)]
    [InlineData(8, 3600)]
    [InlineData(40, 3600)]
    public void DelayAfter_FailedAttempts_DoublesUpToTheCap(int failedAttempts, int expectedSeconds)
    {
        var options = new AlertsOptions { RetryBaseDelaySeconds = 30, RetryMaxDelaySeconds = 3600 };

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), AlertRetrySchedule.DelayAfter(failedAttempts, options));
    }
}
