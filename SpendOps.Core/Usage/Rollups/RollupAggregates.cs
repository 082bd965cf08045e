using Microsoft.EntityFrameworkCore;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>The sums of one tenant's hour, grouped by every rollup key (GROUP BY in the database).</summary>
internal static class RollupAggregates
{
    public static Task<List<UsageHourlyRollup>> HourlyAsync(IQueryable<UsageRecord> records, Guid tenantId, DateTimeOffset hour, CancellationToken cancellationToken) =>
        records
            .GroupBy(r => new
            {
                r.Provider, r.Endpoint, r.ModelRequested, r.ModelReported, r.ApiKeyId, r.Source, r.Estimated, r.UsageComplete,
                r.PricingStatus, r.CostSource, HasProviderCost = r.ProviderCostUsd != null,
            })
            .Select(g => new UsageHourlyRollup
            {
                TenantId = tenantId,
                Hour = hour,
                Provider = g.Key.Provider,
                Endpoint = g.Key.Endpoint,
                ModelRequested = g.Key.ModelRequested,
                ModelReported = g.Key.ModelReported,
                ApiKeyId = g.Key.ApiKeyId,
                Source = g.Key.Source,
                Estimated = g.Key.Estimated,
                UsageComplete = g.Key.UsageComplete,
                PricingStatus = g.Key.PricingStatus,
                CostSource = g.Key.CostSource,
                HasProviderCost = g.Key.HasProviderCost,
                Calls = g.LongCount(),
                InputTokens = g.Sum(r => r.Tokens.InputTokens),
                CacheReadTokens = g.Sum(r => r.Tokens.CacheReadTokens),
                CacheWriteTokens = g.Sum(r => r.Tokens.CacheWrite5mTokens + r.Tokens.CacheWrite1hTokens),
                OutputTokens = g.Sum(r => r.Tokens.OutputTokens),
                ReasoningTokens = g.Sum(r => r.Tokens.ReasoningTokens),
                CostUsd = g.Sum(r => r.CostUsd ?? 0m),
                ProviderCostUsd = g.Sum(r => r.ProviderCostUsd ?? 0m),
            })
            .ToListAsync(cancellationToken);

    public static Task<List<UsageDimensionRollup>> DimensionsAsync(
        IQueryable<UsageRecord> records, IQueryable<UsageDimension> dimensions, Guid tenantId, DateTimeOffset hour, CancellationToken cancellationToken) =>
        records
            .Join(dimensions, r => r.Id, d => d.UsageRecordId, (r, d) => new { Record = r, d.Name, d.Value })
            .GroupBy(x => new
            {
                x.Record.Provider, x.Record.Endpoint, x.Record.ModelRequested, x.Record.ModelReported, x.Record.ApiKeyId, x.Record.Source,
                x.Record.Estimated, x.Record.UsageComplete, x.Record.PricingStatus, x.Record.CostSource,
                HasProviderCost = x.Record.ProviderCostUsd != null, x.Name, x.Value,
            })
            .Select(g => new UsageDimensionRollup
            {
                TenantId = tenantId,
                Hour = hour,
                Provider = g.Key.Provider,
                Endpoint = g.Key.Endpoint,
                ModelRequested = g.Key.ModelRequested,
                ModelReported = g.Key.ModelReported,
                ApiKeyId = g.Key.ApiKeyId,
                Source = g.Key.Source,
                Estimated = g.Key.Estimated,
                UsageComplete = g.Key.UsageComplete,
                PricingStatus = g.Key.PricingStatus,
                CostSource = g.Key.CostSource,
                HasProviderCost = g.Key.HasProviderCost,
                DimensionName = g.Key.Name,
                DimensionValue = g.Key.Value,
                Calls = g.LongCount(),
                InputTokens = g.Sum(x => x.Record.Tokens.InputTokens),
                CacheReadTokens = g.Sum(x => x.Record.Tokens.CacheReadTokens),
                CacheWriteTokens = g.Sum(x => x.Record.Tokens.CacheWrite5mTokens + x.Record.Tokens.CacheWrite1hTokens),
                OutputTokens = g.Sum(x => x.Record.Tokens.OutputTokens),
                ReasoningTokens = g.Sum(x => x.Record.Tokens.ReasoningTokens),
                CostUsd = g.Sum(x => x.Record.CostUsd ?? 0m),
                ProviderCostUsd = g.Sum(x => x.Record.ProviderCostUsd ?? 0m),
            })
            .ToListAsync(cancellationToken);

    /// <summary>Adds <paramref name="late"/> to the tracked rows of <paramref name="existing"/> with the same keys; new keys become new rows.</summary>
    public static void MergeInto<T>(List<T> existing, List<T> late, DbSet<T> set)
        where T : UsageRollupKeys
    {
        var byKey = existing.ToDictionary(KeyOf);
        foreach (var row in late)
        {
            if (!byKey.TryGetValue(KeyOf(row), out var target))
            {
                set.Add(row);
                continue;
            }
            target.Calls += row.Calls;
            target.InputTokens += row.InputTokens;
            target.CacheReadTokens += row.CacheReadTokens;
            target.CacheWriteTokens += row.CacheWriteTokens;
            target.OutputTokens += row.OutputTokens;
            target.ReasoningTokens += row.ReasoningTokens;
            target.CostUsd += row.CostUsd;
            target.ProviderCostUsd += row.ProviderCostUsd;
        }
    }

    private static string KeyOf(UsageRollupKeys row) => string.Join('\u001f',
        row.Provider, row.Endpoint, row.ModelRequested ?? "\0", row.ModelReported ?? "\0", row.ApiKeyId ?? "\0", row.Source, row.Estimated,
        row.UsageComplete, row.PricingStatus, row.CostSource?.ToString() ?? "\0", row.HasProviderCost,
        row is UsageDimensionRollup d ? d.DimensionName + '\u001f' + d.DimensionValue : "");
}
