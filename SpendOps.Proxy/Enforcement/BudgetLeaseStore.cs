using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// The database side of budget leases: granting an instance more allowance, and renewing, lowering and deleting its
/// <see cref="BudgetLease"/> rows. A grant takes turns with every other grant of the same budget by first raising the
/// budget's <see cref="Budget.LeaseVersion"/> (the update locks the row until the grant commits), then reads the other
/// instances' rows before the stored spend, so a record that moves from a row into the spend is counted twice at worst,
/// never missed. This instance's own holdings are exact: the records it still holds that are stored already are taken out.
/// </summary>
internal sealed class BudgetLeaseStore(IDbContextFactory<SpendOpsDbContext> contexts, IOptions<BudgetGateOptions> options, TimeProvider clock)
{
    // Grants and renewals both write this instance's rows; one at a time keeps them from inserting the same row twice.
    private readonly SemaphoreSlim writing = new(1, 1);

    /// <summary>Names this process's rows.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    public TimeSpan LeaseTime => TimeSpan.FromSeconds(options.Value.LeaseSeconds);

    /// <summary>
    /// Leases up to <paramref name="wanted"/> more for <paramref name="ledger"/>: as much of it as the budget's amount
    /// still allows after the stored spend and every instance's holdings. False when the budget no longer blocks
    /// (deleted, paused or alert-only since the last reload).
    /// </summary>
    public async Task<bool> GrantAsync(BudgetLedger ledger, decimal wanted, CancellationToken cancellationToken)
    {
        var budget = ledger.Budget;
        var period = ledger.Period;
        await writing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var locked = await db.Budgets
                .Where(b => b.Id == budget.Id && b.Action == BudgetAction.Block && !b.Paused)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.LeaseVersion, b => b.LeaseVersion + 1), cancellationToken);
            if (locked == 0)
                return false;

            var now = clock.GetUtcNow();
            var counted = now - LeaseTime;
            var others = await db.BudgetLeases.AsNoTracking()
                .Where(l => l.BudgetId == budget.Id && l.PeriodStart == period.Start && l.InstanceId != InstanceId && l.UpdatedAt > counted)
                .Select(l => l.OutstandingUsd)
                .ToListAsync(cancellationToken);
            // What this instance holds, read before the spend, less what the spend will count already: the records
            // stored since they were settled. Asked before the spend is summed, so that on PostgreSQL (a snapshot per
            // statement) a record stored in between is counted twice at worst, never left out.
            var holdings = ledger.Holdings();
            var held = holdings.Outstanding - await StoredCostAsync(db, budget.Definition.TenantId, period, holdings.Unwritten, cancellationToken);
            var spent = await (await BudgetSpendQuery.FactsInScopeAsync(db, budget.Definition.TenantId, budget.Definition.Scope, period, cancellationToken))
                .SumAsync(f => f.CostUsd, cancellationToken);
            var available = budget.AmountUsd - spent - others.Sum() - held;
            var granted = Math.Min(Math.Max(wanted, 0m), Math.Max(available, 0m));

            await WriteRowAsync(db, budget.Id, period.Start, held + granted, now, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            ledger.ApplyGrant(granted, available - granted, now, LeaseTime);
            return true;
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>
    /// Rewrites this instance's rows with what each ledger holds now (a row whose ledger holds nothing is deleted), which
    /// renews them for another lease time; rows of instances gone for ten lease times are deleted.
    /// </summary>
    public async Task RenewAsync(IReadOnlyCollection<BudgetLedger> ledgers, bool deleteExpired, CancellationToken cancellationToken)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var rows = await db.BudgetLeases.Where(l => l.InstanceId == InstanceId).ToListAsync(cancellationToken);
            var current = ledgers.ToDictionary(l => (l.Budget.Id, l.Period.Start), l => l.Outstanding);
            foreach (var row in rows)
            {
                if (current.Remove((row.BudgetId, row.PeriodStart), out var outstanding) && outstanding != 0m)
                {
                    row.OutstandingUsd = outstanding;
                    row.UpdatedAt = now;
                }
                else
                {
                    db.BudgetLeases.Remove(row);
                }
            }
            foreach (var ((budgetId, periodStart), outstanding) in current)
            {
                if (outstanding != 0m)
                    db.BudgetLeases.Add(new BudgetLease { BudgetId = budgetId, PeriodStart = periodStart, InstanceId = InstanceId, OutstandingUsd = outstanding, UpdatedAt = now });
            }
            await db.SaveChangesAsync(cancellationToken);
            foreach (var ledger in ledgers)
                ledger.Renewed(now, LeaseTime);

            if (deleteExpired)
            {
                var expired = now - 10 * LeaseTime;
                await db.BudgetLeases.Where(l => l.UpdatedAt < expired).ExecuteDeleteAsync(cancellationToken);
            }
        }
        finally
        {
            writing.Release();
        }
    }

    /// <summary>The cost of those of <paramref name="unwritten"/>'s calls whose records the period's spend counts already.</summary>
    private static async Task<decimal> StoredCostAsync(SpendOpsDbContext db, Guid tenantId, BudgetPeriod period, KeyValuePair<string, decimal>[] unwritten, CancellationToken cancellationToken)
    {
        if (unwritten.Length == 0)
            return 0m;
        var ids = unwritten.Select(u => u.Key).ToList();
        var stored = (await db.UsageRecords.AsNoTracking()
            .Where(r => r.TenantId == tenantId && r.Timestamp >= period.Start && r.Timestamp < period.End && ids.Contains(r.RequestId))
            .Select(r => r.RequestId)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return unwritten.Where(u => stored.Contains(u.Key)).Sum(u => u.Value);
    }

    private async Task WriteRowAsync(SpendOpsDbContext db, Guid budgetId, DateTimeOffset periodStart, decimal outstanding, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var row = await db.BudgetLeases.FirstOrDefaultAsync(l => l.BudgetId == budgetId && l.PeriodStart == periodStart && l.InstanceId == InstanceId, cancellationToken);
        if (row is null)
        {
            row = new BudgetLease { BudgetId = budgetId, PeriodStart = periodStart, InstanceId = InstanceId };
            db.BudgetLeases.Add(row);
        }
        row.OutstandingUsd = outstanding;
        row.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);
    }
}
