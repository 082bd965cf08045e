using System.Linq.Expressions;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Chargeback;

/// <summary>
/// The chargeback's groups from <see cref="UsageFactTotals"/> (rollups where complete, records elsewhere), for keys that
/// read at most one dimension; with two dimensions a call's values of both are needed, and only records have them.
/// </summary>
internal static class ChargebackFactGrouping
{
    /// <summary>The group totals, or null when the keys need per-call records.</summary>
    public static async Task<List<ChargebackGroupTotals>?> TryGroupAsync(SpendOpsDbContext db, IReadOnlyList<ChargebackKey> keys, UsageFilter filter, CancellationToken cancellationToken)
    {
        var dimensions = keys.Where(k => k.DimensionName is not null).Select(k => k.DimensionName!).Distinct().ToList();
        if (dimensions.Count > 1)
            return null;
        var groups = await UsageFactTotals.QueryAsync(db, filter, keys.Select(Column).ToList(), dimensions.FirstOrDefault(),
            daily: keys.All(k => k.Kind != ChargebackKeyKind.Key), cancellationToken);
        return groups
            .GroupBy(g => (g.K0, g.K1, g.K2, g.K3))
            .Select(Fold)
            // A group can sum to no calls when dimension rollups take their calls out of the unattributed group.
            .Where(t => t.Calls != 0)
            .ToList();
    }

    private static ChargebackGroupTotals Fold(IGrouping<(string? K0, string? K1, string? K2, string? K3), UsageFactGroup> rows)
    {
        var totals = new ChargebackGroupTotals { K0 = rows.Key.K0, K1 = rows.Key.K1, K2 = rows.Key.K2, K3 = rows.Key.K3 };
        foreach (var row in rows)
        {
            totals.Calls += (int)row.Calls;
            totals.InputTokens += row.InputTokens;
            totals.CacheReadTokens += row.CacheReadTokens;
            totals.CacheWriteTokens += row.CacheWriteTokens;
            totals.OutputTokens += row.OutputTokens;
            totals.CostUsd += row.CostUsd;
            if (row.Source == UsageSource.Proxy)
                totals.MeasuredCostUsd += row.CostUsd;
            else if (row.Source == UsageSource.Telemetry)
                totals.EstimatedCostUsd += row.CostUsd;
            if (row.Calculated)
                totals.CalculatedCostUsd += row.CostUsd;
            if (row.CostSource == CostSource.Reported)
                totals.ReportedCostUsd += row.CostUsd;
            if (row.Calculated && row.HasProviderCost)
            {
                totals.ComparedCalculatedUsd += row.CostUsd;
                totals.ComparedReportedUsd += row.ProviderCostUsd;
            }
            if (row.Unpriced)
                totals.UnpricedCalls += (int)row.Calls;
        }
        return totals;
    }

    private static Expression<Func<UsageFact, string?>> Column(ChargebackKey key) => key.DimensionName is not null
        ? UsageFactTotals.DimensionValue
        : key.Kind switch
        {
            ChargebackKeyKind.Key => f => f.ApiKeyId,
            ChargebackKeyKind.Provider => f => f.Provider,
            ChargebackKeyKind.Model => f => f.ModelReported ?? f.ModelRequested,
            ChargebackKeyKind.Source => f => f.Source == UsageSource.Proxy ? "proxy" : "telemetry",
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };
}
