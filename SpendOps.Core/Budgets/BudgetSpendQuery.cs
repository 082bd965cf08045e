using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Budgets;

/// <summary>
/// What a budget has spent in a period. The records are those of <see cref="UsageQueries.Apply"/> (the tenant, the
/// period, superseded telemetry left out) narrowed to the budget's scope, and the sum is the cost of record as in
/// <see cref="SpendToDateQuery.CostAsync"/>: a budget scoped like a dashboard filter shows the dashboard's number.
/// </summary>
public static class BudgetSpendQuery
{
    /// <summary>Summed from hourly rollups where they are complete (<see cref="UsageFacts"/>), from records elsewhere.</summary>
    public static async Task<BudgetSpend> GetAsync(SpendOpsDbContext db, Guid tenantId, BudgetScope scope, BudgetPeriod period, CancellationToken cancellationToken)
    {
        var facts = await FactsInScopeAsync(db, tenantId, scope, period, cancellationToken);
        // Both sums in one statement: each reads the facts (rollups and raw edges) again. Many budgets at once are
        // summed by BudgetSpendBatch, which comes here only for scopes with two dimension names or more.
        var totals = await facts
            .GroupBy(f => 1)
            .Select(g => new
            {
                Spend = g.Sum(f => f.CostUsd),
                Unpriced = g.Sum(f => f.PricingStatus == PricingStatus.Unpriced || f.PricingStatus == PricingStatus.Pending ? f.Calls : 0L),
            })
            .FirstOrDefaultAsync(cancellationToken);
        return totals is null ? new BudgetSpend(0m, 0) : new BudgetSpend(totals.Spend, (int)totals.Unpriced);
    }

    /// <summary>The same selection as <see cref="InScope"/>, as facts: rollup rows count for many calls.</summary>
    public static async Task<IQueryable<UsageFact>> FactsInScopeAsync(SpendOpsDbContext db, Guid tenantId, BudgetScope scope, BudgetPeriod period, CancellationToken cancellationToken)
    {
        var filter = new UsageFilter { Scope = TenantScope.Of(tenantId), From = period.Start, To = period.End };
        var matches = scope.Dims.Select(d => new DimensionMatch(d.Key, d.Value)).ToList();
        var facts = await UsageFacts.QueryAsync(db, filter, matches, null, daily: scope.KeyIds.Count == 0, cancellationToken);
        if (scope.KeyIds.Count > 0)
        {
            var keys = scope.KeyIds.ToList();
            facts = facts.Where(f => f.ApiKeyId != null && keys.Contains(f.ApiKeyId));
        }
        if (scope.Providers.Count > 0)
        {
            var providers = scope.Providers.ToList();
            facts = facts.Where(f => providers.Contains(f.Provider));
        }
        if (scope.Sources.Count > 0)
        {
            var sources = scope.Sources.ToList();
            facts = facts.Where(f => sources.Contains(f.Source));
        }
        if (scope.ModelPatterns.Count > 0)
            facts = facts.Where(ModelLike.AnyOf<UsageFact>(scope.ModelPatterns));
        return facts;
    }

    public static IQueryable<UsageRecord> InScope(SpendOpsDbContext db, Guid tenantId, BudgetScope scope, BudgetPeriod period)
    {
        var filter = new UsageFilter { Scope = TenantScope.Of(tenantId), From = period.Start, To = period.End };
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        if (scope.KeyIds.Count > 0)
        {
            var keys = scope.KeyIds.ToList();
            records = records.Where(r => r.ApiKeyId != null && keys.Contains(r.ApiKeyId));
        }
        if (scope.Providers.Count > 0)
        {
            var providers = scope.Providers.ToList();
            records = records.Where(r => providers.Contains(r.Provider));
        }
        if (scope.Sources.Count > 0)
        {
            var sources = scope.Sources.ToList();
            records = records.Where(r => sources.Contains(r.Source));
        }
        foreach (var (name, values) in scope.Dims)
        {
            var alternatives = values.ToList();
            records = records.Where(r => db.UsageDimensions.Any(d => d.UsageRecordId == r.Id && d.Name == name && alternatives.Contains(d.Value)));
        }
        if (scope.ModelPatterns.Count > 0)
            records = records.Where(ModelLike.AnyOf(scope.ModelPatterns));
        return records;
    }
}
