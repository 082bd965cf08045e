using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Enforcement;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Enforcement;

/// <summary>
/// A grant of allowance while the writer has stored a finished call's record but not yet said so: the call's cost is
/// then both in the database's spend and in what the instance holds, and must be counted once. Counted twice, a budget
/// with room left refuses calls with 429 until the writer catches up (as a loaded machine showed, with 81 % spent).
/// </summary>
public sealed class BudgetLeaseGrantTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan FreshFor = TimeSpan.FromSeconds(30);

    private BudgetLeaseStore Store => fixture.App.Services.GetRequiredService<BudgetLeaseStore>();

    [Fact]
    public async Task Grant_RecordStoredButNotYetReportedWritten_IsCountedOnce()
    {
        using var _ = fixture.App.Clock.StopAt(Now);
        var (budget, ledger) = await OneSettledCallAsync("lease-call-1");
        await StoreAsync(budget.TenantId, "lease-call-1", 30m);

        // Asking for more than is left: $100 − $30 spent = $70 may be held, of which $10 is unused allowance already.
        Assert.True(await Store.GrantAsync(ledger, 90m, CancellationToken.None));

        Assert.Equal(70m, ledger.UsableAllowance(Now));
        Assert.Equal(BudgetReservationKind.Reserved, ledger.TryReserve(70m, Now, FreshFor).Kind);
        Assert.Equal(BudgetReservation.Refused(0m), ledger.TryReserve(0.01m, Now, FreshFor));
        Assert.Equal(70m, await LeaseRowAsync(budget));
    }

    [Fact]
    public async Task Grant_RecordNotStoredYet_IsHeldByTheInstance()
    {
        using var _ = fixture.App.Clock.StopAt(Now);
        var (budget, ledger) = await OneSettledCallAsync("lease-call-2");

        // The $30 is not in the database yet: the instance holds it, and $100 − $30 − $10 = $60 more can be granted.
        Assert.True(await Store.GrantAsync(ledger, 90m, CancellationToken.None));

        Assert.Equal(70m, ledger.UsableAllowance(Now));
        Assert.Equal(100m, await LeaseRowAsync(budget));
    }

    /// <summary>A blocking $100 budget and one $30 call under it: $40 leased, $30 reserved and settled at $30, not reported written.</summary>
    private async Task<(Budget Budget, BudgetLedger Ledger)> OneSettledCallAsync(string requestId)
    {
        var tenant = await fixture.EnsureTenantAsync("lease-" + Guid.NewGuid().ToString("N")[..8]);
        Budget budget;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            budget = await scope.ServiceProvider.GetRequiredService<BudgetService>().CreateAsync(tenant.Id,
                new BudgetDefinition("whole tenant", 100m, BudgetPeriodKind.Month, null, BudgetScopeTerms.Parse([]), [100], BudgetAction.Block, []),
                "test", CancellationToken.None);
        }
        var gated = new GatedBudget(budget, TenantCalendar.Utc);
        var ledger = new BudgetLedger(gated, gated.PeriodAt(Now));
        Assert.True(await Store.GrantAsync(ledger, 40m, CancellationToken.None));
        Assert.Equal(BudgetReservationKind.Reserved, ledger.TryReserve(30m, Now, FreshFor).Kind);
        ledger.Settle(30m, requestId, 30m);
        return (budget, ledger);
    }

    private async Task StoreAsync(Guid tenantId, string requestId, decimal costUsd)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        db.UsageRecords.Add(new UsageRecord
        {
            RequestId = requestId,
            TenantId = tenantId,
            Timestamp = Now,
            Source = UsageSource.Proxy,
            Provider = "openai",
            Endpoint = "chat",
            StatusCode = 200,
            UsageComplete = true,
            PricingStatus = PricingStatus.Priced,
            CostUsd = costUsd,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>What this instance's lease row tells the other instances it holds.</summary>
    private async Task<decimal> LeaseRowAsync(Budget budget)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        return await db.BudgetLeases.Where(l => l.BudgetId == budget.Id).Select(l => l.OutstandingUsd).SingleAsync();
    }
}
