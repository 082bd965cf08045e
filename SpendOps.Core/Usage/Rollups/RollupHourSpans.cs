namespace SpendOps.Core.Usage.Rollups;

/// <summary>Splits marked hours into spans: one tenant's, close together (<see cref="RollupHourSpan"/>).</summary>
internal static class RollupHourSpans
{
    // A span's read covers every record between its first and last hour, marked or not: long enough that a backlog of
    // months is a few thousand reads, short enough that a transaction stays small and a gap is not read for nothing.
    private static readonly TimeSpan MaxLength = TimeSpan.FromHours(72);
    private static readonly TimeSpan MaxGap = TimeSpan.FromHours(6);

    public static IEnumerable<RollupHourSpan> Of(IEnumerable<(Guid TenantId, DateTimeOffset Hour)> marked)
    {
        foreach (var tenant in marked.GroupBy(h => h.TenantId))
        {
            var span = new List<DateTimeOffset>();
            foreach (var hour in tenant.Select(h => h.Hour).Distinct().Order())
            {
                if (span.Count > 0 && (hour - span[0] >= MaxLength || hour - span[^1] > MaxGap))
                {
                    yield return new RollupHourSpan(tenant.Key, span);
                    span = [];
                }
                span.Add(hour);
            }
            if (span.Count > 0)
                yield return new RollupHourSpan(tenant.Key, span);
        }
    }
}
