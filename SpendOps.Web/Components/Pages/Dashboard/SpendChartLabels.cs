using System.Globalization;
using SpendOps.Core.Usage;
using SpendOps.Web.Usage;

namespace SpendOps.Web.Components.Pages.Dashboard;

/// <summary>The words around a spend chart: its axis labels and the sentence that describes it to a screen reader.</summary>
internal static class SpendChartLabels
{
    /// <summary>About this many labels fit under a laptop-wide chart; more overlap and none can be read.</summary>
    private const int MaxLabels = 24;

    /// <summary>
    /// One label per bucket; when there are more buckets than fit (a week of hours), only every n-th keeps its text, so
    /// the labels left are evenly spaced and the bars keep their positions.
    /// </summary>
    public static string[] For(SpendSeries series)
    {
        var format = series.BucketSize == SpendBucketSize.Hour ? "d MMM HH:mm" : "d MMM";
        var step = (series.Buckets.Count + MaxLabels - 1) / MaxLabels;
        return series.Buckets
            .Select((start, i) => i % Math.Max(1, step) == 0 ? start.ToString(format, CultureInfo.InvariantCulture) : "")
            .ToArray();
    }

    public static string Describe(SpendSeries series) =>
        $"Spend per {(series.BucketSize == SpendBucketSize.Hour ? "hour" : "day")}: " +
        string.Join("; ", series.Lines.Select(l => $"{l.Key} {UsageDisplay.Usd(l.Total)}"));
}
