using Hangfire;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Pricing;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>The recurring evaluation as Hangfire runs it in the host: triggered, it raises what budgets owe.</summary>
public abstract class BudgetEvaluationJobTests(DatabaseKind database)
{
    [DatabaseFact]
    public async Task TriggeredJob_RaisesTheThresholdReached()
    {
        await using var host = await PricingTestHost.StartAsync(database,
            new Dictionary<string, string?> { ["Jobs:Enabled"] = "true", ["Jobs:Budgets:IntervalSeconds"] = "3600" },
            startHost: true);
        var tenant = await host.AddTenantAsync("budget-job");
        var budget = await host.InScopeAsync(s => s.GetRequiredService<BudgetService>().CreateAsync(tenant.Id,
            new BudgetDefinition("everything", 10m, BudgetPeriodKind.Day, null, BudgetScope.Tenant, [50], BudgetAction.AlertOnly, []), "test", default));
        await host.AddRecordAsync(tenant.Id, "openai", "gpt-4.1", host.Clock.GetUtcNow(), r =>
        {
            r.CostUsd = 6m;
            r.PricingStatus = PricingStatus.Priced;
        });

        host.Services.GetRequiredService<IRecurringJobManager>().Trigger(BudgetEvaluationJob.Id);

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            await using var db = await host.CreateContextAsync();
            if (await db.AlertEvents.AsNoTracking().SingleOrDefaultAsync(a => a.BudgetId == budget.Id && a.Kind == AlertKind.Threshold, deadline.Token) is { } alert)
            {
                Assert.Equal((AlertKind.Threshold, 50, 6m), (alert.Kind, alert.ThresholdPercent, alert.SpendUsd));
                return;
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite() : BudgetEvaluationJobTests(DatabaseKind.Sqlite);

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres() : BudgetEvaluationJobTests(DatabaseKind.Postgres);
}
