using Microsoft.EntityFrameworkCore;
using SpendOps.Core;
using SpendOps.Core.Alerts;
using SpendOps.Core.Audit;
using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>Budget changes are audited, names are unique per tenant, and another tenant's budgets are not found.</summary>
public sealed class BudgetServiceTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Changes_EachLeaveAnAuditEntry_AndDeleteKeepsTheAlerts()
    {
        var tenant = await TenantAsync("America/New_York");
        var budget = await RunAsync(s => s.CreateAsync(tenant, Definition("backend"), "alice", default));
        await RunAsync(s => s.UpdateAsync(budget.Id, TenantScope.Of(tenant), Definition("backend") with { AmountUsd = 750m }, "alice", default));
        await RunAsync(s => s.SetPausedAsync(budget.Id, TenantScope.Of(tenant), true, "bob", default));
        await RunAsync(s => s.SetPausedAsync(budget.Id, TenantScope.Of(tenant), false, "bob", default));
        await using (var db = fixture.CreateContext())
        {
            db.AlertEvents.Add(new AlertEvent { TenantId = tenant, BudgetId = budget.Id, BudgetName = "backend", Kind = AlertKind.Threshold, ThresholdPercent = 50 });
            await db.SaveChangesAsync();
        }
        await RunAsync(s => s.DeleteAsync(budget.Id, TenantScope.Of(tenant), "carol", default));

        await using var check = fixture.CreateContext();
        var actions = await check.AuditEntries.Where(a => a.EntityId == budget.Id.ToString()).OrderBy(a => a.Id).Select(a => a.Action + " " + a.Actor).ToListAsync();
        Assert.Equal(["budget.created alice", "budget.updated alice", "budget.paused bob", "budget.resumed bob", "budget.deleted carol"], actions);
        var kept = await check.AlertEvents.SingleAsync(a => a.TenantId == tenant);
        Assert.Equal((null, "backend"), (kept.BudgetId, kept.BudgetName));
        // Created on 10 March 08:00 in New York: a rolling budget starts its periods on that local date.
        Assert.Equal(new DateOnly(2026, 3, 10), budget.AnchorDate);
    }

    [Fact]
    public async Task Create_SameNameInOneTenant_Refused_InAnotherAllowed()
    {
        var first = await TenantAsync("UTC");
        var second = await TenantAsync("UTC");
        await RunAsync(s => s.CreateAsync(first, Definition("shared"), "a", default));

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.CreateAsync(first, Definition("shared"), "a", default)));
        await RunAsync(s => s.CreateAsync(second, Definition("shared"), "a", default));

        Assert.Equal("A budget named 'shared' already exists in this tenant.", error.Message);
    }

    [Fact]
    public async Task Find_OtherTenantsBudget_NotFound()
    {
        var owner = await TenantAsync("UTC");
        var other = await TenantAsync("UTC");
        var budget = await RunAsync(s => s.CreateAsync(owner, Definition("private"), "a", default));

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.SetPausedAsync(budget.Id, TenantScope.Of(other), true, "intruder", default)));

        Assert.Equal($"No budget with id '{budget.Id}'.", error.Message);
    }

    private static BudgetDefinition Definition(string name) =>
        new(name, 500m, BudgetPeriodKind.Rolling, 7, BudgetScopeTerms.Parse(["dim:team=backend"]), Budget.DefaultThresholds, BudgetAction.Block, []);

    private async Task<Budget> RunAsync(Func<BudgetService, Task<Budget>> action)
    {
        await using var db = fixture.CreateContext();
        return await action(new BudgetService(db, new AuditLog(db, clock), clock));
    }

    private async Task<Guid> TenantAsync(string zone)
    {
        await using var db = fixture.CreateContext();
        var tenant = new Tenant { Name = "svc-" + Guid.NewGuid().ToString("N")[..8], TimeZone = zone, CreatedAt = clock.Now };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }
}
