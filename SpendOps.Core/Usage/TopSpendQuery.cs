using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>Top N of any grouping, from <see cref="UsageQueries.SummarizeAsync"/> so the numbers equal <c>usage summary</c>.</summary>
public static class TopSpendQuery
{
    public static async Task<TopSpend> GetAsync(SpendOpsDbContext db, UsageFilter filter, UsageGrouping grouping, int count, CancellationToken cancellationToken)
    {
        var rows = await UsageQueries.SummarizeAsync(db, filter, grouping, cancellationToken);
        var top = rows.Take(count).ToList();
        var rest = rows.Skip(count).ToList();
        var others = rest.Count == 0 ? null : Sum(null, rest);
        return new TopSpend(grouping, top, others, Sum(null, rows.ToList()));
    }

    private static UsageSummaryRow Sum(string? key, IReadOnlyCollection<UsageSummaryRow> rows) => new(
        key,
        rows.Sum(r => r.Requests),
        rows.Sum(r => r.InputTokens),
        rows.Sum(r => r.CacheReadTokens),
        rows.Sum(r => r.CacheWriteTokens),
        rows.Sum(r => r.OutputTokens),
        rows.Sum(r => r.ReasoningTokens),
        rows.Sum(r => r.CostUsd),
        rows.Sum(r => r.CatalogCostUsd),
        rows.Sum(r => r.TenantPriceCostUsd),
        rows.Sum(r => r.ReportedCostUsd),
        rows.Sum(r => r.ProviderCostUsd),
        rows.Sum(r => r.Reported),
        rows.Sum(r => r.Unpriced),
        rows.Sum(r => r.Incomplete));
}
