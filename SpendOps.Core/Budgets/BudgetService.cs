using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>Creates, changes, pauses, resumes and deletes budgets, with an audit entry for each change.</summary>
/// <remarks>
/// <c>scope</c> is the caller's tenant (portal) or all tenants (the admin command line). A budget outside it is
/// reported as not found.
/// </remarks>
public sealed class BudgetService(SpendOpsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<Budget> CreateAsync(Guid tenantId, BudgetDefinition definition, string actor, CancellationToken cancellationToken)
    {
        definition = BudgetValidator.Normalize(definition);
        await CheckAsync(tenantId, definition, null, cancellationToken);
        var now = clock.GetUtcNow();
        var calendar = await TenantCalendar.ForTenantAsync(db, tenantId, cancellationToken);
        var budget = new Budget
        {
            TenantId = tenantId,
            Name = definition.Name,
            AnchorDate = calendar.DateOf(now),
            CreatedAt = now,
            CreatedBy = actor,
        };
        Apply(budget, definition, now);
        db.Budgets.Add(budget);
        audit.Record(tenantId, actor, "budget.created", "budget", budget.Id.ToString(), Describe(budget));
        await db.SaveChangesAsync(cancellationToken);
        return budget;
    }

    public async Task<Budget> UpdateAsync(Guid id, TenantScope scope, BudgetDefinition definition, string actor, CancellationToken cancellationToken)
    {
        var budget = await FindAsync(id, scope, cancellationToken);
        definition = BudgetValidator.Normalize(definition);
        await CheckAsync(budget.TenantId, definition, budget.Id, cancellationToken);
        var now = clock.GetUtcNow();
        if (definition.Period == BudgetPeriodKind.Rolling && (budget.Period != BudgetPeriodKind.Rolling || budget.RollingDays != definition.RollingDays))
            budget.AnchorDate = (await TenantCalendar.ForTenantAsync(db, budget.TenantId, cancellationToken)).DateOf(now);
        Apply(budget, definition, now);
        audit.Record(budget.TenantId, actor, "budget.updated", "budget", budget.Id.ToString(), Describe(budget));
        await db.SaveChangesAsync(cancellationToken);
        return budget;
    }

    public async Task<Budget> SetPausedAsync(Guid id, TenantScope scope, bool paused, string actor, CancellationToken cancellationToken)
    {
        var budget = await FindAsync(id, scope, cancellationToken);
        if (budget.Paused != paused)
        {
            budget.Paused = paused;
            budget.UpdatedAt = clock.GetUtcNow();
            audit.Record(budget.TenantId, actor, paused ? "budget.paused" : "budget.resumed", "budget", budget.Id.ToString(), budget.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
        return budget;
    }

    /// <summary>Deletes the budget; its alerts stay in the history under the budget's name (the database sets their budget id to null).</summary>
    public async Task<Budget> DeleteAsync(Guid id, TenantScope scope, string actor, CancellationToken cancellationToken)
    {
        var budget = await FindAsync(id, scope, cancellationToken);
        db.Budgets.Remove(budget);
        audit.Record(budget.TenantId, actor, "budget.deleted", "budget", budget.Id.ToString(), budget.Name);
        await db.SaveChangesAsync(cancellationToken);
        return budget;
    }

    public async Task<Budget> FindAsync(Guid id, TenantScope scope, CancellationToken cancellationToken)
    {
        var budget = await db.Budgets.InScope(scope).Include(b => b.Tenant).FirstOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (budget is null)
            throw new DomainException($"No budget with id '{id}'.");
        return budget;
    }

    private async Task CheckAsync(Guid tenantId, BudgetDefinition definition, Guid? self, CancellationToken cancellationToken)
    {
        if (await db.Budgets.AnyAsync(b => b.TenantId == tenantId && b.Name == definition.Name && b.Id != self, cancellationToken))
            throw new DomainException($"A budget named '{definition.Name}' already exists in this tenant.");
        var keys = definition.Scope.KeyIds.ToList();
        if (keys.Count == 0)
            return;
        var known = await db.ApiKeys.Where(k => k.TenantId == tenantId && keys.Contains(k.Id)).Select(k => k.Id).ToListAsync(cancellationToken);
        if (keys.FirstOrDefault(k => !known.Contains(k)) is { } unknown)
            throw new DomainException($"No API key with id '{unknown}' in this tenant (scope key:{unknown}).");
    }

    private static void Apply(Budget budget, BudgetDefinition definition, DateTimeOffset now)
    {
        budget.Name = definition.Name;
        budget.AmountUsd = definition.AmountUsd;
        budget.Period = definition.Period;
        budget.RollingDays = definition.RollingDays;
        budget.Scope = definition.Scope;
        budget.Thresholds = [.. definition.Thresholds];
        budget.Action = definition.Action;
        budget.Recipients = [.. definition.Recipients];
        budget.UpdatedAt = now;
    }

    private static string Describe(Budget budget) => JsonSerializer.Serialize(new
    {
        name = budget.Name,
        amountUsd = budget.AmountUsd,
        period = budget.PeriodText,
        scope = budget.Scope.ToTerms(),
        thresholds = budget.Thresholds,
        action = budget.Action == BudgetAction.Block ? "block" : "alert",
        recipients = budget.Recipients,
    }, JsonColumn.Options);
}
