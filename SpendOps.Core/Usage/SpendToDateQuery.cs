using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Usage;

/// <summary>The dashboard's headline numbers. Same records and sums as <see cref="UsageQueries.SummarizeAsync"/>.</summary>
public static class SpendToDateQuery
{
    public static async Task<SpendToDate> GetAsync(SpendOpsDbContext db, Guid tenantId, TenantCalendar calendar, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = SpendPeriod.Resolve(SpendPeriodKind.Today, calendar, now);
        var month = SpendPeriod.Resolve(SpendPeriodKind.ThisMonth, calendar, now);
        var todayUsd = await CostAsync(db, new UsageFilter { Scope = TenantScope.Of(tenantId), From = today.From, To = today.To }, cancellationToken);
        var monthFilter = new UsageFilter { Scope = TenantScope.Of(tenantId), From = month.From, To = today.To };
        var monthUsd = await CostAsync(db, monthFilter, cancellationToken);
        var monthReportedUsd = await CostAsync(db, monthFilter with { PricingStatus = PricingStatus.Reported }, cancellationToken);
        var localNow = calendar.ToLocal(now);
        return new SpendToDate(todayUsd, monthUsd, monthReportedUsd, SpendForecast.MonthEnd(monthUsd, localNow), localNow, today, month);
    }

    /// <summary>
    /// Total cost of record of the records a filter covers; unpriced records count as nothing (they are counted
    /// separately). Summed from hourly rollups where they are complete (<see cref="UsageFacts"/>).
    /// </summary>
    public static async Task<decimal> CostAsync(SpendOpsDbContext db, UsageFilter filter, CancellationToken cancellationToken) =>
        await (await UsageFacts.QueryAsync(db, filter, [], null, daily: true, cancellationToken)).SumAsync(f => f.CostUsd, cancellationToken);
}
