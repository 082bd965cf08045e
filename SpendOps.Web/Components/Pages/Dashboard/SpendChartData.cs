using System.Globalization;
using MudBlazor;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Shared;

namespace SpendOps.Web.Components.Pages.Dashboard;

/// <summary>
/// A <see cref="SpendSeries"/> as <see cref="MudChart{T}"/> draws it: one stacked series per line, axis labels, options,
/// and the sentence that describes the chart to a screen reader.
/// </summary>
/// <remarks>
/// Values are plotted in thousandths of a dollar. The chart's tick spacing (<see cref="StackedBarChartOptions.YAxisTicks"/>)
/// is a whole number of plotted units, so in dollars a day of a few cents would get a single tick at $0 and one at $20;
/// in thousandths the spacing can be as fine as $0.001. The axis and the tooltips turn the value back into dollars.
/// </remarks>
internal sealed record SpendChartData(List<ChartSeries<double>> Series, string[] Labels, StackedBarChartOptions Options, string Description)
{
    private const double UnitsPerDollar = 1000;

    /// <summary>The number format's "," before the decimal point divides by 1,000: thousandths shown as dollars.</summary>
    private const string TooltipFormat = "$#,##0,.00####";

    /// <summary>About this many slanted labels fit under the chart on a phone; more overlap and none can be read.</summary>
    private const int MaxLabels = 12;

    /// <summary>Label every n-th bucket for one of these n, so the labels fall on round hours and whole weeks.</summary>
    private static readonly int[] HourSteps = [1, 2, 3, 4, 6, 12, 24, 48];
    private static readonly int[] DaySteps = [1, 2, 3, 7, 14, 28];

    public static SpendChartData From(SpendSeries series) => new(
        series.Lines.Select(line => new ChartSeries<double>
        {
            Name = line.Key,
            Data = line.Values.Select(v => (double)v * UnitsPerDollar).ToArray(),
            TooltipYValueFormat = TooltipFormat,
        }).ToList(),
        LabelsOf(series),
        new StackedBarChartOptions
        {
            YAxisTicks = TickSpacing(series),
            YAxisToStringFunc = value => UsageDisplay.Usd((decimal)(value / UnitsPerDollar)),
            XAxisLabelRotation = 45,
            TooltipTitleFormat = "{{SERIES_NAME}}: {{Y_VALUE}}",
            ShowZeroValues = false,
        },
        DescriptionOf(series));

    /// <summary>
    /// One label per bucket; when there are more buckets than fit (a month of days, a week of hours), only every n-th
    /// keeps its text, so the labels left are evenly spaced and the bars keep their positions.
    /// </summary>
    private static string[] LabelsOf(SpendSeries series)
    {
        var hours = series.BucketSize == SpendBucketSize.Hour;
        var needed = (series.Buckets.Count + MaxLabels - 1) / MaxLabels;
        var step = (hours ? HourSteps : DaySteps).FirstOrDefault(s => s >= needed, Math.Max(1, needed));
        var format = hours ? "d MMM HH:mm" : "d MMM";
        return series.Buckets
            .Select((start, i) => i % step == 0 ? start.ToString(format, CultureInfo.InvariantCulture) : "")
            .ToArray();
    }

    /// <summary>A round spacing (1, 2 or 5 times a power of ten thousandths) that gives the tallest bar about four ticks.</summary>
    internal static int TickSpacing(SpendSeries series)
    {
        var tallest = Enumerable.Range(0, series.Buckets.Count).Select(i => series.Lines.Sum(l => l.Values[i])).DefaultIfEmpty(0m).Max();
        var rough = (double)tallest * UnitsPerDollar / 4;
        if (rough <= 1)
            return 1;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        return (int)Math.Min(step, int.MaxValue);
    }

    private static string DescriptionOf(SpendSeries series) =>
        $"Spend per {(series.BucketSize == SpendBucketSize.Hour ? "hour" : "day")}: " +
        string.Join("; ", series.Lines.Select(l => $"{l.Key} {UsageDisplay.Usd(l.Total)}"));
}
