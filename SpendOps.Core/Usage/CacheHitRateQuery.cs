using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>
/// Cache hit rate per value of a dimension (per developer with <c>user</c>): cache reads over all prompt tokens,
/// as <see cref="UsageSummaryRow.CacheHitRate"/>. Values with no prompt tokens have no rate and are left out.
/// </summary>
public static class CacheHitRateQuery
{
    public static async Task<IReadOnlyList<UsageSummaryRow>> ByDimensionAsync(SpendOpsDbContext db, UsageFilter filter, string dimension, CancellationToken cancellationToken)
    {
        var rows = await UsageQueries.SummarizeAsync(db, filter, new UsageGrouping(UsageGroupingKind.Dimension, Dimensions.Normalize(dimension)), cancellationToken);
        return rows.Where(r => PromptTokens(r) > 0).OrderByDescending(PromptTokens).ThenBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private static long PromptTokens(UsageSummaryRow row) => row.InputTokens + row.CacheReadTokens + row.CacheWriteTokens;
}
