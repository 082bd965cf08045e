namespace SpendOps.Core.Usage;

/// <summary>
/// Spend per time bucket, split into lines. <see cref="Buckets"/> are bucket starts in the tenant's local time;
/// lines are ordered by total cost, largest first, with the smallest folded into <see cref="SpendSeries.Other"/>.
/// </summary>
public sealed record SpendSeries(SpendBucketSize BucketSize, IReadOnlyList<DateTime> Buckets, IReadOnlyList<SpendSeriesLine> Lines)
{
    public const string Other = "(other)";
    public const string None = "(none)";

    public decimal Total => Lines.Sum(l => l.Total);
}
