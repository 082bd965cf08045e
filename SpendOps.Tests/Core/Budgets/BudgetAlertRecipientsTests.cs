using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using SpendOps.Core.Alerts;
using SpendOps.Core.Audit;
using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>
/// A budget with recipients: the alert and its notifications are saved together, once.
/// </summary>
public sealed class BudgetAlertRecipientsTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    [Fact]
    public async Task Evaluate_BudgetWithRecipients_SavesTheAlertOnceWithItsNotifications()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero));
        var seed = UsageSeed.NewTenant();
        Budget budget;
        await using (var db = fixture.CreateContext())
        {
            db.Tenants.Add(new Tenant { Id = seed.TenantId, Name = "recipients-" + seed.TenantId.ToString("N")[..8], CreatedAt = clock.Now });
            await db.SaveChangesAsync();
            budget = await new BudgetService(db, new AuditLog(db, clock), clock).CreateAsync(seed.TenantId,
                new BudgetDefinition("team backend", 500m, BudgetPeriodKind.Month, null, BudgetScope.Tenant, [80], BudgetAction.Block,
                    ["email:lead@example.com", "slack:https://hooks.slack.com/services/T0/B0/x"]),
                "test", CancellationToken.None);
        }
        // $400 of $500 on 10 March: the 80 % threshold ($400 × 31 / 9.5 projects past $500, so the forecast too).
        await fixture.AddAsync(seed.Record("2026-03-09T08:00:00Z", 400m));
        var evaluator = new BudgetEvaluator(new FixtureContexts(fixture), new AlertOutbox(), clock, NullLogger<BudgetEvaluator>.Instance);

        var first = await evaluator.EvaluateAsync(budget.Id, CancellationToken.None);
        var again = await evaluator.EvaluateAsync(budget.Id, CancellationToken.None);

        Assert.Equal([(AlertKind.Threshold, 80), (AlertKind.Forecast, 100)], first.Select(a => (a.Kind, a.ThresholdPercent)));
        Assert.Empty(again);
        await using var check = fixture.CreateContext();
        var alertIds = await check.AlertEvents.Where(a => a.BudgetId == budget.Id).Select(a => a.Id).ToListAsync();
        Assert.Equal(2, alertIds.Count);
        // Two alerts, each to both recipients: four deliveries waiting for the dispatcher, none twice.
        var deliveries = await check.AlertDeliveries.Where(d => alertIds.Contains(d.AlertId)).ToListAsync();
        Assert.Equal(
            [.. alertIds.SelectMany(id => new[] { (id, "email:lead@example.com"), (id, "slack:https://hooks.slack.com/services/T0/B0/x") }).Order()],
            deliveries.Select(d => (d.AlertId, d.Recipient)).Order());
        Assert.All(deliveries, d => Assert.Equal(AlertDeliveryStatus.Pending, d.Status));
    }
}
