using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Enforcement;

/// <summary>
/// Bursts of 200 concurrent streaming calls against a blocking budget of $0.05, through one or more app instances on
/// one database, until a burst gets no call through: the calls together overspend by at most one call's maximum cost
/// (without reservations every call of the first burst would be admitted: 200 × $0.00164 = $0.328), and the budget is
/// used, not just guarded: a burst that starts with nothing in flight is refused whole only when less than one call's
/// maximum cost is left in each instance's allowance and in the database, so less than N of them in all.
/// </summary>
public static class BudgetConcurrencyScenarios
{
    private const decimal AmountUsd = 0.05m;
    private const int CallsPerBurst = 200;
    private const int MaxBursts = 12;

    public static async Task ConcurrentStreams_OverspendAtMostOneCallsMaximumCostAsync(IReadOnlyList<SpendOpsAppFactory> apps, FakeUpstream upstream)
    {
        upstream.Handler = SlowStream;
        var first = apps[0];
        var tenant = await CreateTenantAsync(first);
        var key = await CreateKeyAsync(first, tenant.Id);
        var budget = await BudgetGateCalls.CreateBlockingBudgetAsync(first, tenant.Id, "backend", AmountUsd, "dim:team=backend");
        foreach (var app in apps.Skip(1))
            await BudgetGateCalls.ReloadAsync(app);
        var clients = apps.Select(a => a.CreateHttpClient()).ToList();
        var before = upstream.Requests.Count;

        var statuses = new List<HttpStatusCode>();
        for (var burst = 0; burst < MaxBursts; burst++)
        {
            var answers = await Task.WhenAll(Enumerable.Range(0, CallsPerBurst).Select(i => CallAsync(clients[i % clients.Count], key.FullKey)));
            statuses.AddRange(answers);
            if (answers.All(s => s != HttpStatusCode.OK))
                break;
            // Long enough for what admission last learnt about the budget's headroom to be re-read, not trusted.
            await Task.Delay(TimeSpan.FromSeconds(1.2));
        }
        var admitted = statuses.Count(s => s == HttpStatusCode.OK);
        var spend = await WaitForSpendAsync(first, budget, admitted);
        foreach (var client in clients)
            client.Dispose();

        var maxCost = BudgetGateCalls.MaxCostUsd(BudgetGateCalls.StreamingBodyBytes());
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.TooManyRequests, $"Unexpected status {s}"));
        Assert.True(statuses.Count < MaxBursts * CallsPerBurst, "Every burst got calls through");
        Assert.Equal(admitted, upstream.Requests.Count - before);
        Assert.Equal(admitted * BudgetGateCalls.CallCostUsd, spend);
        Assert.True(spend <= AmountUsd + maxCost, $"Spent {spend} USD against a budget of {AmountUsd} USD (one call may cost up to {maxCost} USD)");
        Assert.True(spend > AmountUsd - apps.Count * maxCost, $"Spent only {spend} USD of {AmountUsd} USD before every call was refused");
    }

    private static async Task<HttpStatusCode> CallAsync(HttpClient client, string apiKey)
    {
        using var response = await client.SendAsync(BudgetGateCalls.StreamingCall(apiKey, "team=backend"));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            using var error = JsonDocument.Parse(body);
            Assert.StartsWith("AI SpendOps: budget exceeded: 'backend'", error.RootElement.GetProperty("error").GetProperty("message").GetString());
        }
        else if (response.StatusCode == HttpStatusCode.OK)
        {
            Assert.EndsWith("data: [DONE]\n\n", body);
        }
        return response.StatusCode;
    }

    /// <summary>openai-chat.sse event by event, 10 ms apart, so that calls overlap while they stream.</summary>
    private static async Task SlowStream(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        var text = await File.ReadAllTextAsync(FixtureFiles.PathOf("providers/openai-chat.sse"));
        foreach (var chunk in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            await context.Response.WriteAsync(chunk + "\n\n");
            await context.Response.Body.FlushAsync();
            await Task.Delay(10);
        }
    }

    private static async Task<decimal> WaitForSpendAsync(SpendOpsAppFactory app, Budget budget, int records)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
            var written = await db.UsageRecords.CountAsync(r => r.TenantId == budget.TenantId && r.PricingStatus == PricingStatus.Priced);
            if (written >= records)
            {
                Assert.Equal(records, written);
                var period = BudgetPeriod.Containing(budget, TenantCalendar.Utc, app.Clock.GetUtcNow());
                return (await BudgetSpendQuery.GetAsync(db, budget.TenantId, budget.Scope, period, CancellationToken.None)).SpendUsd;
            }
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{written} of {records} usage records priced within 30 s.");
            await Task.Delay(100);
        }
    }

    private static async Task<Tenant> CreateTenantAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TenantService>().CreateAsync("burst-" + Guid.NewGuid().ToString("N")[..8], "test", CancellationToken.None);
    }

    private static async Task<CreatedApiKey> CreateKeyAsync(SpendOpsAppFactory app, Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenantId, "burst", KeyPolicy.Unrestricted, "test", CancellationToken.None);
    }
}
