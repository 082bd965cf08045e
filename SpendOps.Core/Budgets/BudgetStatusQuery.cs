using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>Budgets with their current spend and forecast (the portal's list, <c>budgets list</c> and <c>budgets show</c>) and their past periods.</summary>
public static class BudgetStatusQuery
{
    /// <summary>The budgets in <paramref name="scope"/> (every tenant for the admin command line), by tenant and name.</summary>
    public static async Task<IReadOnlyList<BudgetStatus>> ListAsync(SpendOpsDbContext db, TenantScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = db.Budgets.AsNoTracking().InScope(scope).Include(b => b.Tenant);
        var budgets = await query.ToListAsync(cancellationToken);
        var ordered = budgets.OrderBy(b => b.Tenant!.Name, StringComparer.OrdinalIgnoreCase).ThenBy(b => b.Name, StringComparer.OrdinalIgnoreCase).ToList();
        return await GetManyAsync(db, ordered, now, cancellationToken);
    }

    /// <summary>
    /// The current period of each of <paramref name="budgets"/> (with their <see cref="Budget.Tenant"/> loaded), in the same
    /// order, as <see cref="GetAsync"/> gives them: budgets whose current periods are the same, of any tenant, are summed
    /// together (<see cref="BudgetSpendBatch"/>).
    /// </summary>
    public static async Task<IReadOnlyList<BudgetStatus>> GetManyAsync(SpendOpsDbContext db, IReadOnlyList<Budget> budgets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var statuses = new BudgetStatus[budgets.Count];
        var placed = budgets.Select((budget, index) =>
        {
            var calendar = TenantCalendar.For(budget.Tenant?.TimeZone);
            return (Budget: budget, Index: index, Calendar: calendar, Period: BudgetPeriod.Containing(budget, calendar, now));
        }).ToList();
        foreach (var samePeriod in placed.GroupBy(p => p.Period))
        {
            var members = samePeriod.ToList();
            var spends = await BudgetSpendBatch.GetAsync(db, samePeriod.Key, members.Select(p => (p.Budget.TenantId, p.Budget.Scope)).ToList(), cancellationToken);
            for (var i = 0; i < members.Count; i++)
            {
                var (budget, index, calendar, period) = members[i];
                statuses[index] = new BudgetStatus(budget, period, spends[i], BudgetForecast.PeriodEnd(spends[i].SpendUsd, period, calendar, now));
            }
        }
        return statuses;
    }

    /// <summary>The budget's current period. <paramref name="budget"/> must have its <see cref="Budget.Tenant"/> loaded (for the time zone).</summary>
    public static async Task<BudgetStatus> GetAsync(SpendOpsDbContext db, Budget budget, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var calendar = TenantCalendar.For(budget.Tenant?.TimeZone);
        var period = BudgetPeriod.Containing(budget, calendar, now);
        var spend = await BudgetSpendQuery.GetAsync(db, budget.TenantId, budget.Scope, period, cancellationToken);
        return new BudgetStatus(budget, period, spend, BudgetForecast.PeriodEnd(spend.SpendUsd, period, calendar, now));
    }

    /// <summary>The <paramref name="count"/> periods before the current one with what was spent in each, newest first.</summary>
    public static async Task<IReadOnlyList<BudgetPeriodSpend>> HistoryAsync(SpendOpsDbContext db, Budget budget, DateTimeOffset now, int count, CancellationToken cancellationToken)
    {
        var calendar = TenantCalendar.For(budget.Tenant?.TimeZone);
        var history = new List<BudgetPeriodSpend>(count);
        foreach (var period in BudgetPeriod.Previous(budget, calendar, now, count))
            history.Add(new BudgetPeriodSpend(period, await BudgetSpendQuery.GetAsync(db, budget.TenantId, budget.Scope, period, cancellationToken), budget.AmountUsd));
        return history;
    }
}
