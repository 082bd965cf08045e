using Microsoft.EntityFrameworkCore;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>Late records of a retained hour added to the rollups it has, key by key.</summary>
internal static class RollupMerge
{
    /// <summary>Adds <paramref name="late"/> to the tracked rows of <paramref name="existing"/> with the same keys; new keys become new rows.</summary>
    public static void MergeInto<T>(List<T> existing, IEnumerable<T> late, DbSet<T> set)
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
        row is IDimensionRollup d ? d.DimensionName + '\u001f' + d.DimensionValue : "");
}
