using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Alerts;

/// <summary>The alert history, newest first, for the portal and <c>alerts list</c>.</summary>
public static class AlertQueries
{
    public const int MaxPageSize = 500;

    /// <summary>
    /// Alerts in <paramref name="scope"/> (every tenant for the admin command line), optionally of one budget.
    /// </summary>
    public static async Task<AlertPage> PageAsync(SpendOpsDbContext db, TenantScope scope, Guid? budgetId, int skip, int take, CancellationToken cancellationToken)
    {
        var alerts = db.AlertEvents.AsNoTracking().InScope(scope);
        if (budgetId is { } budget)
            alerts = alerts.Where(a => a.BudgetId == budget);
        var total = await alerts.CountAsync(cancellationToken);
        // The threshold breaks ties between alerts of one evaluation (same instant), so pages never overlap or skip.
        var items = await alerts.OrderByDescending(a => a.RaisedAt).ThenByDescending(a => a.ThresholdPercent).ThenBy(a => a.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        return new AlertPage(items, total);
    }
}
