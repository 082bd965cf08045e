using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>
/// Telemetry spend alerts about as soon as proxy spend does: its records arrive unpriced, and the pricing job that
/// prices them queues a budget evaluation, so a threshold they cross alerts in seconds, not at the next scheduled run
/// (here hourly, so only the signal can raise it in time).
/// </summary>
public sealed class TelemetryBudgetSignalTests : IAsyncLifetime
{
    // otlp-claude-metrics.json reports its points at 2026-07-01T12:01:00Z.
    private static readonly DateTimeOffset Now = new(2026, 7, 1, 13, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase database = TestDatabase.Sqlite();
    private FakeUpstream upstream = null!;
    private SpendOpsAppFactory app = null!;

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        app = new SpendOpsAppFactory(database, upstream.BaseUrl);
        app.Settings["Jobs:Enabled"] = "true";
        app.Settings["Jobs:Retention:Enabled"] = "false";
        app.Settings["Jobs:AlertDispatch:Enabled"] = "false";
        app.Settings["Jobs:Budgets:IntervalSeconds"] = "3600";
        app.Settings["Jobs:Budgets:SignalSeconds"] = "1";
        app.Clock.StopAt(Now);
        app.Start();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await upstream.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task StoredTelemetrySpend_CrossingAThreshold_AlertsWithinSeconds()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var tenant = await services.GetRequiredService<TenantService>().CreateAsync("claude-team", "test", CancellationToken.None);
        var connection = await services.GetRequiredService<TelemetryConnectionService>()
            .CreateAsync(tenant.Id, "Claude Team", TelemetrySource.ClaudeCode, "test", CancellationToken.None);
        var budget = await services.GetRequiredService<BudgetService>().CreateAsync(tenant.Id,
            new BudgetDefinition("claude code", 0.01m, BudgetPeriodKind.Month, null, BudgetScopeTerms.Parse(["source:telemetry"]), [50], BudgetAction.AlertOnly, []),
            "test", CancellationToken.None);

        using var http = app.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{connection.EndpointPath}/v1/metrics")
        {
            Content = new ByteArrayContent(FixtureFiles.Bytes("otlp/otlp-claude-metrics.json")),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.FullKey);
        var response = await http.SendAsync(request);

        // The batch's cost is at least the $0.052660 Claude Code reported, past 50 % of $0.01.
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var alert = await WaitForAlertAsync(services.GetRequiredService<SpendOpsDbContext>(), budget.Id);
        Assert.Equal(50, alert.ThresholdPercent);
    }

    private static async Task<AlertEvent> WaitForAlertAsync(SpendOpsDbContext db, Guid budgetId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await db.AlertEvents.AsNoTracking().FirstOrDefaultAsync(a => a.BudgetId == budgetId) is { } alert)
                return alert;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("No alert within 30 s of storing the telemetry batch.");
            await Task.Delay(100);
        }
    }
}
