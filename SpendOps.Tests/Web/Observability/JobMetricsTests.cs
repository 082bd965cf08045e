using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Enforcement;

namespace SpendOps.Tests.Web.Observability;

/// <summary>What <c>/metrics</c> says about the background jobs and the budgets once the jobs have run on their schedule.</summary>
public sealed partial class JobMetricsTests
{
    private const int Calls = 7;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Metrics_AfterJobRuns_ShowRunsDurationsAndBlockedBudget()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.SendFileAsync(FixtureFiles.PathOf("providers/openai-chat.json"));
        };
        await using var database = TestDatabase.Sqlite();
        await using var app = new SpendOpsAppFactory(database, upstream.BaseUrl);
        app.Settings["Jobs:Enabled"] = "true";
        app.Settings["Jobs:Pricing:IntervalSeconds"] = "1";
        app.Settings["Jobs:Budgets:IntervalSeconds"] = "1";
        app.Start();
        Tenant tenant;
        CreatedApiKey key;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().CreateAsync("metrics", "test", CancellationToken.None);
            key = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenant.Id, "metrics", KeyPolicy.Unrestricted, "test", CancellationToken.None);
            RunLog.IssuedSecret(key.FullKey);
        }
        // Seven calls at $0.00164 each (BudgetGateCalls.CallCostUsd): $0.01148, past a blocking budget of $0.01 made after
        // them (a budget that small would have refused them: each reserves up to 4096 output tokens first).
        for (var i = 0; i < Calls; i++)
        {
            using var call = await ProxyProbe.ChatAsync(app, key.FullKey, dims: "team=backend");
            Assert.Equal(HttpStatusCode.OK, call.StatusCode);
        }
        await WaitForPricedAsync(app, tenant.Id);
        await BudgetGateCalls.CreateBlockingBudgetAsync(app, tenant.Id, "metrics", 0.01m, "dim:team=backend");

        // The budget job is also queued by the writer's spend signal, so it can run several times before the pricing
        // job's first scheduled occurrence on a busy machine: wait for both.
        var text = await WaitForMetricsAsync(app, t =>
            Value(t, "spendops_budgets_blocked") >= 1
            && HasLine(t, "spendops_jobs_runs_total{", "job=\"budgets\"", "outcome=\"succeeded\"")
            && HasLine(t, "spendops_jobs_runs_total{", "job=\"pricing\"", "outcome=\"succeeded\""));

        Assert.Equal(1, Value(text, "spendops_budgets_blocked"));
        Assert.Equal(1, Value(text, "spendops_budgets_over_threshold"));
        Assert.True(HasLine(text, "spendops_jobs_runs_total{", "job=\"pricing\"", "outcome=\"succeeded\""), text);
        Assert.True(HasLine(text, "spendops_jobs_duration_seconds_bucket{", "job=\"pricing\""), text);
        Assert.True(HasLine(text, "spendops_budgets_evaluations_total{", "outcome=\"evaluated\""), text);
    }

    private static async Task WaitForPricedAsync(SpendOpsAppFactory app, Guid tenantId)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
            if (await db.UsageRecords.CountAsync(r => r.TenantId == tenantId && r.PricingStatus == PricingStatus.Priced) >= Calls)
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The calls were not stored and priced within {Deadline}.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> WaitForMetricsAsync(SpendOpsAppFactory app, Func<string, bool> done)
    {
        using var client = app.CreateHttpClient();
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            using var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            if (done(text) || DateTime.UtcNow > deadline)
                return text;
            await Task.Delay(200);
        }
    }

    private static bool HasLine(string text, string start, params string[] labels) =>
        text.Split('\n').Any(line => line.StartsWith(start, StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)));

    /// <summary>The value of an unlabelled (apart from the scope) gauge, or -1 when it is not there.</summary>
    private static double Value(string text, string name)
    {
        foreach (var line in text.Split('\n'))
        {
            var match = Sample().Match(line);
            if (match.Success && match.Groups["name"].Value == name)
                return double.Parse(match.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return -1;
    }

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)")]
    private static partial Regex Sample();
}
