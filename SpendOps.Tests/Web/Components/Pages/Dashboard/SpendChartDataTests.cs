using System.Globalization;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Pages.Dashboard;

namespace SpendOps.Tests.Web.Components.Pages.Dashboard;

/// <summary>The spend chart's numbers: ticks at round amounts whatever the scale, and dollars on the axis and in the tooltips.</summary>
public sealed class SpendChartDataTests
{
    [Theory]
    [InlineData("0.00164", 1)]      // $0.00164: one thousandth per tick, the finest there is
    [InlineData("0.12", 50)]        // a quarter of $0.12 is 30 thousandths, rounded up to 50: ticks every $0.05
    [InlineData("1.75", 500)]       // 437.5 thousandths, rounded up to 500: every $0.50
    [InlineData("1200", 500_000)]   // 300,000 thousandths, rounded up to 500,000: every $500
    public void TickSpacing_TallestBar_AboutFourRoundTicks(string tallestUsd, int expected)
    {
        var tallest = decimal.Parse(tallestUsd, CultureInfo.InvariantCulture);
        var series = Series(new SpendSeriesLine("openai", [tallest * 0.6m, 0m]), new SpendSeriesLine("anthropic", [tallest * 0.4m, 0m]));

        Assert.Equal(expected, SpendChartData.TickSpacing(series));
    }

    [Fact]
    public void From_TwoLines_AxisAndTooltipsInDollars()
    {
        var chart = SpendChartData.From(Series(new SpendSeriesLine("openai", [1.64m, 0.00164m])));

        Assert.Equal("$0.50", chart.Options.YAxisToStringFunc!(500));
        Assert.Equal(["$1.64", "$0.00164"], chart.Series[0].Data.Values.Select(v => v.ToString(chart.Series[0].TooltipYValueFormat, CultureInfo.InvariantCulture)));
        Assert.Equal(["1 Mar", "2 Mar"], chart.Labels);
        Assert.Equal("Spend per day: openai $1.64", chart.Description);
    }

    [Fact]
    public void From_AWeekOfHours_EachMidnightLabelled()
    {
        var start = new DateTime(2026, 3, 1);
        var hours = Enumerable.Range(0, 7 * 24).Select(h => start.AddHours(h)).ToList();
        var series = new SpendSeries(SpendBucketSize.Hour, hours, [new SpendSeriesLine("openai", hours.Select(_ => 0.01m).ToList())]);

        var labels = SpendChartData.From(series).Labels;

        // 168 buckets in at most 12 labels needs every 14th hour; the next round step is a day: 7 labels, at midnight.
        Assert.Equal(168, labels.Length);
        Assert.Equal(["1 Mar 00:00", "2 Mar 00:00"], labels.Where(l => l != "").Take(2));
        Assert.Equal(7, labels.Count(l => l != ""));
    }

    [Fact]
    public void From_AMonthOfDays_EveryThirdDayLabelled()
    {
        var days = Enumerable.Range(0, 31).Select(d => new DateTime(2026, 3, 1).AddDays(d)).ToList();
        var series = new SpendSeries(SpendBucketSize.Day, days, [new SpendSeriesLine("openai", days.Select(_ => 0.01m).ToList())]);

        var labels = SpendChartData.From(series).Labels;

        // 31 buckets in at most 12 labels: every 3rd day, 11 labels.
        Assert.Equal(["1 Mar", "4 Mar", "7 Mar"], labels.Where(l => l != "").Take(3));
        Assert.Equal(11, labels.Count(l => l != ""));
    }

    private static SpendSeries Series(params SpendSeriesLine[] lines) =>
        new(SpendBucketSize.Day, [new DateTime(2026, 3, 1), new DateTime(2026, 3, 2)], lines);
}
