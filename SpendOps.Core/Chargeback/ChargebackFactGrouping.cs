using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Chargeback;

/// <summary>
/// The chargeback GROUP BY over <see cref="UsageFacts"/> (hourly rollups where complete, records elsewhere), for keys
/// that read at most one dimension; with two dimensions a call's values of both are needed, and only records have them.
/// </summary>
internal static class ChargebackFactGrouping
{
    /// <summary>The group totals, or null when the keys need per-call records.</summary>
    public static async Task<List<ChargebackGroupTotals>?> TryGroupAsync(SpendOpsDbContext db, IReadOnlyList<ChargebackKey> keys, UsageFilter filter, CancellationToken cancellationToken)
    {
        var dimensions = keys.Where(k => k.DimensionName is not null).Select(k => k.DimensionName!).Distinct().ToList();
        if (dimensions.Count > 1)
            return null;
        var facts = await UsageFacts.QueryAsync(db, filter, [], dimensions.FirstOrDefault(), daily: keys.All(k => k.Kind != ChargebackKeyKind.Key), cancellationToken);
        var totals = await facts
            .GroupBy(Slots(keys))
            .Select(g => new ChargebackGroupTotals
            {
                K0 = g.Key.K0,
                K1 = g.Key.K1,
                K2 = g.Key.K2,
                K3 = g.Key.K3,
                Calls = (int)g.Sum(f => f.Calls),
                InputTokens = g.Sum(f => f.InputTokens),
                CacheReadTokens = g.Sum(f => f.CacheReadTokens),
                CacheWriteTokens = g.Sum(f => f.CacheWriteTokens),
                OutputTokens = g.Sum(f => f.OutputTokens),
                CostUsd = g.Sum(f => f.CostUsd),
                MeasuredCostUsd = g.Sum(f => f.Source == UsageSource.Proxy ? f.CostUsd : 0m),
                EstimatedCostUsd = g.Sum(f => f.Source == UsageSource.Telemetry ? f.CostUsd : 0m),
                CalculatedCostUsd = g.Sum(f => f.CostSource == CostSource.Catalog || f.CostSource == CostSource.TenantPrice ? f.CostUsd : 0m),
                ReportedCostUsd = g.Sum(f => f.CostSource == CostSource.Reported ? f.CostUsd : 0m),
                ComparedCalculatedUsd = g.Sum(f => (f.CostSource == CostSource.Catalog || f.CostSource == CostSource.TenantPrice) && f.HasProviderCost ? f.CostUsd : 0m),
                ComparedReportedUsd = g.Sum(f => (f.CostSource == CostSource.Catalog || f.CostSource == CostSource.TenantPrice) && f.HasProviderCost ? f.ProviderCostUsd : 0m),
                UnpricedCalls = (int)g.Sum(f => f.PricingStatus == PricingStatus.Unpriced || f.PricingStatus == PricingStatus.Pending ? f.Calls : 0L),
            })
            .ToListAsync(cancellationToken);
        // A group can sum to no calls when dimension rollups take their calls out of the unattributed group.
        return totals.Where(t => t.Calls != 0).ToList();
    }

    /// <summary><c>f => new ChargebackSlots { K0 = value of key 0, …, unused = null }</c>.</summary>
    private static Expression<Func<UsageFact, ChargebackSlots>> Slots(IReadOnlyList<ChargebackKey> keys)
    {
        var fact = Expression.Parameter(typeof(UsageFact), "f");
        string[] slots = [nameof(ChargebackSlots.K0), nameof(ChargebackSlots.K1), nameof(ChargebackSlots.K2), nameof(ChargebackSlots.K3)];
        var bindings = slots.Select((name, i) => Expression.Bind(typeof(ChargebackSlots).GetProperty(name)!, i < keys.Count ? Value(keys[i], fact) : Expression.Constant(null, typeof(string))));
        return Expression.Lambda<Func<UsageFact, ChargebackSlots>>(Expression.MemberInit(Expression.New(typeof(ChargebackSlots)), bindings), fact);
    }

    private static Expression Value(ChargebackKey key, ParameterExpression fact)
    {
        var column = Column(key);
        return new ParameterSwap(column.Parameters[0], fact).Visit(column.Body)!;
    }

    private static Expression<Func<UsageFact, string?>> Column(ChargebackKey key) => key.DimensionName is not null
        ? f => f.DimensionValue
        : key.Kind switch
        {
            ChargebackKeyKind.Key => f => f.ApiKeyId,
            ChargebackKeyKind.Provider => f => f.Provider,
            ChargebackKeyKind.Model => f => f.ModelReported ?? f.ModelRequested,
            ChargebackKeyKind.Source => f => f.Source == UsageSource.Proxy ? "proxy" : "telemetry",
            _ => throw new ArgumentOutOfRangeException(nameof(key)),
        };

    /// <summary>The grouping values; a class with settable members so EF can group by it.</summary>
    private sealed class ChargebackSlots
    {
        public string? K0 { get; set; }
        public string? K1 { get; set; }
        public string? K2 { get; set; }
        public string? K3 { get; set; }
    }

    private sealed class ParameterSwap(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
