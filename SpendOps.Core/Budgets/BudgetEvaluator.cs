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

        int raised = 0, failed = 0, overThreshold = 0, blocked = 0;
        foreach (var budget in budgets)
        {
            try
            {
                var evaluation = await EvaluateBudgetAsync(budget, cancellationToken);
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

    /// <summary>Evaluates a budget read (untracked, with its tenant) by the caller.</summary>
    private async Task<Evaluation> EvaluateBudgetAsync(Budget budget, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var status = await BudgetStatusQuery.GetAsync(db, budget, now, cancellationToken);
        var period = status.Period;
        var fired = (await db.AlertEvents.AsNoTracking()
                .Where(a => a.BudgetId == budget.Id && a.PeriodStart == period.Start)
                .Select(a => new { a.Kind, a.ThresholdPercent })
                .ToListAsync(cancellationToken))
            .Select(a => (a.Kind, a.ThresholdPercent))
            .ToHashSet();
        var settled = BudgetForecast.IsSettled(period, TenantCalendar.For(budget.Tenant?.TimeZone), now);
        var due = BudgetAlertRules.Due(budget.Thresholds, budget.AmountUsd, status.SpendUsd, status.ForecastUsd, settled, fired);
        var lowestThreshold = budget.Thresholds.Count > 0 ? budget.Thresholds.Min() : 100;
        var overThreshold = budget.AmountUsd > 0 && status.SpendUsd * 100 >= budget.AmountUsd * lowestThreshold;
        var blocked = budget.Action == BudgetAction.Block && status.SpendUsd >= budget.AmountUsd;
        if (due.Count == 0)
            return new Evaluation([], overThreshold, blocked);

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

    [LoggerMessage(Level = LogLevel.Information, Message = "Budget alert {Kind} {Percent} % raised for {BudgetName} ({BudgetId}): spend {SpendUsd} of {AmountUsd} USD")]
    private static partial void LogRaised(ILogger logger, AlertKind kind, int percent, string budgetName, Guid budgetId, decimal spendUsd, decimal amountUsd);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Budget alert {Kind} {Percent} % for {BudgetId} was raised by another instance")]
    private static partial void LogRaisedElsewhere(ILogger logger, AlertKind kind, int percent, Guid budgetId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Evaluating budget {BudgetId} failed; the other budgets go on and the next run tries again")]
    private static partial void LogBudgetFailed(ILogger logger, Exception exception, Guid budgetId);
}
