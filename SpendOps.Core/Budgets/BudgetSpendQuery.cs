using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// What a budget has spent in a period. The records are those of <see cref="UsageQueries.Apply"/> (the tenant, the
/// period, superseded telemetry left out) narrowed to the budget's scope, and the sum is the cost of record as in
/// <see cref="SpendToDateQuery.CostAsync"/>: a budget scoped like a dashboard filter shows the dashboard's number.
/// </summary>
public static class BudgetSpendQuery
{
    public static async Task<BudgetSpend> GetAsync(SpendOpsDbContext db, Guid tenantId, BudgetScope scope, BudgetPeriod period, CancellationToken cancellationToken)
    {
        var records = InScope(db, tenantId, scope, period);
        var spend = await records.SumAsync(r => r.CostUsd ?? 0m, cancellationToken);
        var unpriced = await records.CountAsync(r => r.PricingStatus == PricingStatus.Unpriced || r.PricingStatus == PricingStatus.Pending, cancellationToken);
        return new BudgetSpend(spend, unpriced);
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
