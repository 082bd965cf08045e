using SpendOps.Core.Jobs;

namespace SpendOps.Tests.Core.Jobs;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData(1, "* * * * * *")]
    [InlineData(5, "*/5 * * * * *")]
    [InlineData(30, "*/30 * * * * *")]
    [InlineData(60, "* * * * *")]
    [InlineData(900, "*/15 * * * *")]
    [InlineData(3600, "0 * * * *")]
    [InlineData(21_600, "0 */6 * * *")]
    [InlineData(86_400, "0 0 * * *")]
    [InlineData(604_800, "0 0 * * 0")]
    public void FromInterval_IntervalDividingTheNextUnit_EveryIntervalOnTheClock(int seconds, string cron)
    {
        Assert.Equal(cron, CronSchedule.FromInterval(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(45)]
    [InlineData(90)]
    [InlineData(420)]
    [InlineData(5_400)]
    [InlineData(25_200)]
    [InlineData(172_800)]
    public void FromInterval_IntervalCronCannotRepeatEvenly_Null(int seconds)
    {
        Assert.Null(CronSchedule.FromInterval(TimeSpan.FromSeconds(seconds)));
    }
}
