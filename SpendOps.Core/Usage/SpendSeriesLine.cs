namespace SpendOps.Core.Usage;

/// <summary>One line of a spend chart: the cost of each bucket, in the order of <see cref="SpendSeries.Buckets"/>.</summary>
public sealed record SpendSeriesLine(string Key, IReadOnlyList<decimal> Values)
{
    public decimal Total => Values.Sum();
}
