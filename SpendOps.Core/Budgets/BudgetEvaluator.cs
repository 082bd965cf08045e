using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Alerts;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// Raises the alerts budgets owe in their current period (<see cref="BudgetAlertRules"/>): each as its own row, saved in
/// the same transaction as its notifications (<see cref="AlertOutbox"/>). Instances evaluating at the same moment both
/// try to insert; the unique index on budget, period, kind and threshold lets one succeed, and the other reads its
/// unique violation as "already raised", so nobody is told twice.
/// </summary>
public sealed partial class BudgetEvaluator(IDbContextFactory<SpendOpsDbContext> contexts, AlertOutbox outbox, TimeProvider clock, ILogger<BudgetEvaluator> logger)
{
    /// <summary>Evaluates every budget that is not paused; a budget that fails is logged and the others go on.</summary>
    public async Task<BudgetEvaluationResult> EvaluateAllAsync(CancellationToken cancellationToken)
    {
        // One read of every budget (with its tenant's time zone), not one per budget: a read each was a sixth of a run.
        List<Budget> budgets;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            budgets = await db.Budgets.AsNoTracking().Include(b => b.Tenant).Where(b => !b.Paused).OrderBy(b => b.Id).ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var batch = await TryReadAllAsync(budgets, now, cancellationToken);
        int raised = 0, failed = 0, overThreshold = 0, blocked = 0;
        for (var i = 0; i < budgets.Count; i++)
        {
            var budget = budgets[i];
            try
            {
                var evaluation = batch is null
                    ? await EvaluateBudgetAsync(budget, cancellationToken)
                    : await RaiseDueAsync(budget, batch.Statuses[i], RaisedIn(batch.Statuses[i], batch.Raised[budget.Id]), now, cancellationToken);
                raised += evaluation.Raised.Count;
                overThreshold += evaluation.OverThreshold ? 1 : 0;
                blocked += evaluation.Blocked ? 1 : 0;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                failed++;
                LogBudgetFailed(logger, ex, budget.Id);
            }
        }
        return new BudgetEvaluationResult(budgets.Count, raised, failed, overThreshold, blocked);
    }

    /// <summary>Raises what one budget owes now and returns the alerts this call inserted (not those another instance did).</summary>
    public async Task<IReadOnlyList<AlertEvent>> EvaluateAsync(Guid budgetId, CancellationToken cancellationToken)
    {
        Budget? budget;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            budget = await db.Budgets.AsNoTracking().Include(b => b.Tenant).FirstOrDefaultAsync(b => b.Id == budgetId, cancellationToken);
        return budget is null || budget.Paused ? [] : (await EvaluateBudgetAsync(budget, cancellationToken)).Raised;
    }

    /// <summary>
    /// Every budget's status and the alerts already raised, from one spend query per tenant, period and shape of scope
    /// (<see cref="BudgetStatusQuery.GetManyAsync"/>) and one read of alerts, rather than one of each per budget. Null
    /// when that fails: the run then evaluates budget by budget, so that one budget the shared reads trip over does not
    /// stop the others.
    /// </summary>
    private async Task<BudgetBatch?> TryReadAllAsync(IReadOnlyList<Budget> budgets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var statuses = await StatusesAsync(budgets, now, cancellationToken);
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return new BudgetBatch(statuses, (await RaisedAsync(db, statuses, cancellationToken)).ToLookup(a => a.BudgetId));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogBatchFailed(logger, ex, budgets.Count);
            return null;
        }
    }

    /// <summary>
    /// The statuses of <paramref name="budgets"/>, in their order, read by up to <see cref="MaxReaders"/> contexts at once,
    /// each taking whole tenants: the database answers one tenant's totals while the next are asked for, where one
    /// context would wait for each in turn.
    /// </summary>
    private async Task<BudgetStatus[]> StatusesAsync(IReadOnlyList<Budget> budgets, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readers = Enumerable.Range(0, MaxReaders).Select(_ => new List<int>()).ToArray();
        // Largest tenants first, each to the reader with the fewest budgets so far.
        foreach (var tenant in Enumerable.Range(0, budgets.Count).GroupBy(i => budgets[i].TenantId).OrderByDescending(t => t.Count()))
            readers.MinBy(r => r.Count)!.AddRange(tenant);
        var statuses = new BudgetStatus[budgets.Count];
        // Each reader on a thread of its own: SQLite's "async" reads run to completion on the caller's thread, so without
        // it the readers took turns.
        await Task.WhenAll(readers.Where(r => r.Count > 0).Select(indexes => Task.Run(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var read = await BudgetStatusQuery.GetManyAsync(db, indexes.Select(i => budgets[i]).ToList(), now, cancellationToken);
            for (var j = 0; j < indexes.Count; j++)
                statuses[indexes[j]] = read[j];
        }, cancellationToken)));
        return statuses;
    }

    /// <summary>Contexts reading statuses at once: one per core, as the database's work is what they wait for.</summary>
    private static readonly int MaxReaders = Math.Clamp(Environment.ProcessorCount, 1, 4);

    /// <summary>Evaluates a budget read (untracked, with its tenant) by the caller, with reads of its own.</summary>
    private async Task<Evaluation> EvaluateBudgetAsync(Budget budget, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        BudgetStatus status;
        List<RaisedAlert> raised;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            status = await BudgetStatusQuery.GetAsync(db, budget, now, cancellationToken);
            raised = await RaisedAsync(db, [status], cancellationToken);
        }
        return await RaiseDueAsync(budget, status, RaisedIn(status, raised), now, cancellationToken);
    }

    /// <summary>
    /// The alerts raised for these budgets in their current periods or later, in one read: a budget's own period is picked
    /// out in memory (<see cref="RaisedIn"/>), as each budget's period starts at a different time.
    /// </summary>
    private static async Task<List<RaisedAlert>> RaisedAsync(SpendOpsDbContext db, IReadOnlyList<BudgetStatus> statuses, CancellationToken cancellationToken)
    {
        if (statuses.Count == 0)
            return [];
        var ids = statuses.Select(s => (Guid?)s.Budget.Id).ToList();
        var earliest = statuses.Min(s => s.Period.Start);
        return await db.AlertEvents.AsNoTracking()
            .Where(a => ids.Contains(a.BudgetId) && a.PeriodStart >= earliest)
            .Select(a => new RaisedAlert(a.BudgetId!.Value, a.PeriodStart, a.Kind, a.ThresholdPercent))
            .ToListAsync(cancellationToken);
    }

    private static HashSet<(AlertKind, int)> RaisedIn(BudgetStatus status, IEnumerable<RaisedAlert> raised) =>
        raised.Where(a => a.BudgetId == status.Budget.Id && a.PeriodStart == status.Period.Start).Select(a => (a.Kind, a.ThresholdPercent)).ToHashSet();

    /// <summary>Raises the alerts <paramref name="budget"/> owes in <paramref name="status"/> that are not in <paramref name="fired"/> (raised before).</summary>
    private async Task<Evaluation> RaiseDueAsync(Budget budget, BudgetStatus status, IReadOnlySet<(AlertKind, int)> fired, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var period = status.Period;
        var settled = BudgetForecast.IsSettled(period, TenantCalendar.For(budget.Tenant?.TimeZone), now);
        var due = BudgetAlertRules.Due(budget.Thresholds, budget.AmountUsd, status.SpendUsd, status.ForecastUsd, settled, fired);
        var lowestThreshold = budget.Thresholds.Count > 0 ? budget.Thresholds.Min() : 100;
        var overThreshold = budget.AmountUsd > 0 && status.SpendUsd * 100 >= budget.AmountUsd * lowestThreshold;
        var blocked = budget.Action == BudgetAction.Block && status.SpendUsd >= budget.AmountUsd;
        if (due.Count == 0)
            return new Evaluation([], overThreshold, blocked);

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recipients = budget.Recipients.Select(AlertRecipient.Parse).ToList();
        var inserted = new List<AlertEvent>();
        foreach (var (kind, percent) in due)
        {
            var alert = new AlertEvent
            {
                TenantId = budget.TenantId,
                BudgetId = budget.Id,
                BudgetName = budget.Name,
                PeriodStart = period.Start,
                PeriodEnd = period.End,
                Kind = kind,
                ThresholdPercent = percent,
                SpendUsd = status.SpendUsd,
                AmountUsd = budget.AmountUsd,
                ForecastUsd = status.ForecastUsd,
                RaisedAt = now,
            };
            db.AlertEvents.Add(alert);
            outbox.Enqueue(db, recipients, new AlertNotice(
                alert.Id, budget.TenantId, budget.Tenant?.Name ?? "", budget.Id, budget.Name, kind,
                kind == AlertKind.Threshold ? percent : null,
                status.SpendUsd, budget.AmountUsd, status.ForecastUsd, period.Start, period.End, now));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                inserted.Add(alert);
                LogRaised(logger, kind, percent, budget.Name, budget.Id, status.SpendUsd, budget.AmountUsd);
            }
            catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
            {
                // Another instance raised this alert (and queued its notifications) between our read and our insert.
                db.ChangeTracker.Clear();
                LogRaisedElsewhere(logger, kind, percent, budget.Id);
            }
        }
        return new Evaluation(inserted, overThreshold, blocked);
    }

    private sealed record Evaluation(IReadOnlyList<AlertEvent> Raised, bool OverThreshold, bool Blocked);

    private sealed record RaisedAlert(Guid BudgetId, DateTimeOffset PeriodStart, AlertKind Kind, int ThresholdPercent);

    /// <summary>Statuses in the order of the budgets they were read for, and the alerts already raised for them.</summary>
    private sealed record BudgetBatch(IReadOnlyList<BudgetStatus> Statuses, ILookup<Guid, RaisedAlert> Raised);

    [LoggerMessage(Level = LogLevel.Information, Message = "Budget alert {Kind} {Percent} % raised for {BudgetName} ({BudgetId}): spend {SpendUsd} of {AmountUsd} USD")]
    private static partial void LogRaised(ILogger logger, AlertKind kind, int percent, string budgetName, Guid budgetId, decimal spendUsd, decimal amountUsd);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Budget alert {Kind} {Percent} % for {BudgetId} was raised by another instance")]
    private static partial void LogRaisedElsewhere(ILogger logger, AlertKind kind, int percent, Guid budgetId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the spend of all {Count} budgets at once failed; evaluating them one by one")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating budget {BudgetId} failed; the other budgets go on and the next run tries again")]
    private static partial void LogBudgetFailed(ILogger logger, Exception exception, Guid budgetId);
}
