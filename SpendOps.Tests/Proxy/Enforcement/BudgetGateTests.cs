using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenAI;
using OpenAI.Chat;
using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Sdk;

namespace SpendOps.Tests.Proxy.Enforcement;

/// <summary>
/// Blocking budgets through the real host: what the official SDK shows when a budget is used up, which calls it
/// stops, and that calls which end without a cost give their reservation back. The clock stands on 2 December 2026,
/// so a monthly budget resets on 1 January 2027 at midnight UTC (each test has its own tenant, in UTC).
/// </summary>
public sealed class BudgetGateTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);
    // From 2026-12-02T10:00:00Z to 2027-01-01T00:00:00Z: 29 days and 14 hours.
    private const string SecondsToReset = "2556000";
    private IDisposable stoppedClock = null!;

    public Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        stoppedClock = fixture.App.Clock.StopAt(Now);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        stoppedClock.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task SdkCalls_AreAdmittedWhileTheBudgetCoversTheirMaximumCost_ThenRefusedWith429()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        var key = await fixture.CreateKeyAsync(tenant: "gate-sdk");
        var tenant = await fixture.EnsureTenantAsync("gate-sdk");
        var budget = await BudgetGateCalls.CreateBlockingBudgetAsync(fixture.App, tenant.Id, "backend monthly", 0.01m, "dim:team=backend");
        var client = Client(key.FullKey, "team=backend");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = BudgetGateCalls.MaxTokens };

        var admitted = 0;
        ClientResultException? refused = null;
        while (refused is null && admitted < 20)
        {
            try
            {
                await client.CompleteChatAsync([new UserChatMessage(BudgetGateCalls.Prompt)], options);
                admitted++;
            }
            catch (ClientResultException ex)
            {
                refused = ex;
            }
        }

        // Call k is admitted while (k - 1) settled calls + its maximum cost fit in $0.01.
        var maxCost = BudgetGateCalls.MaxCostUsd(fixture.Upstream.Requests.First().Body.Length);
        var expected = (int)Math.Floor((0.01m - maxCost) / BudgetGateCalls.CallCostUsd) + 1;
        Assert.Equal(expected, admitted);
        Assert.Equal(expected, fixture.Upstream.Requests.Count);
        Assert.NotNull(refused);
        Assert.Equal(429, refused.Status);
        var response = refused.GetRawResponse()!;
        Assert.Equal(SecondsToReset, response.Headers.TryGetValue("retry-after", out var retryAfter) ? retryAfter : null);
        using var body = JsonDocument.Parse(response.Content.ToString());
        var error = body.RootElement.GetProperty("error");
        var message = error.GetProperty("message").GetString()!;
        Assert.StartsWith("AI SpendOps: budget exceeded: 'backend monthly' ($0.01 per month); ", message);
        Assert.EndsWith("; resets at 2027-01-01T00:00:00Z", message);
        Assert.Contains("this call could cost up to", message);
        Assert.Equal("aso_budget_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Contains("budget exceeded", refused.Message);

        Assert.Equal(expected * BudgetGateCalls.CallCostUsd, await SpendAsync(budget, expected));
    }

    [Fact]
    public async Task UsedUpBudget_RefusesEveryPathUnderV1_InTheProvidersEnvelope_AndOnlyInItsScope()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/anthropic-messages.json");
        var key = await fixture.CreateKeyAsync(tenant: "gate-paths");
        var tenant = await fixture.EnsureTenantAsync("gate-paths");
        await BudgetGateCalls.CreateBlockingBudgetAsync(fixture.App, tenant.Id, "tiny", 0.01m, "dim:team=backend");
        using var http = fixture.CreateClient();

        // A short prompt with max_tokens 10 is estimated far below $0.01, but anthropic-messages.json reports 2048
        // one-hour cache-write tokens at $6 per million alone ($0.012288): this one call uses the budget up.
        var first = await http.SendAsync(Call(HttpMethod.Post, "/v1/anthropic/v1/messages", key.FullKey, "team=backend",
            """{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"Hello"}]}"""));
        await fixture.WaitForKeyUsageAsync(key.Key.Id);
        var models = await http.SendAsync(Call(HttpMethod.Get, "/v1/openai/v1/models", key.FullKey, "team=backend"));
        var embeddings = await http.SendAsync(Call(HttpMethod.Post, "/v1/openai/v1/embeddings", key.FullKey, "team=backend", """{"model":"text-embedding-3-small","input":"hi"}"""));
        var unknownPath = await http.SendAsync(Call(HttpMethod.Post, "/v1/openai/v1/something/new", key.FullKey, "team=backend", "{}"));
        var anthropic = await http.SendAsync(Call(HttpMethod.Post, "/v1/anthropic/v1/messages", key.FullKey, "team=backend",
            """{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[{"role":"user","content":"Hi"}]}"""));
        var otherTeam = await http.SendAsync(Call(HttpMethod.Get, "/v1/openai/v1/models", key.FullKey, "team=data"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        foreach (var refused in new[] { models, embeddings, unknownPath })
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            using var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.StartsWith("AI SpendOps: budget exceeded: 'tiny' ($0.01 per month); resets at 2027-01-01T00:00:00Z",
                body.RootElement.GetProperty("error").GetProperty("message").GetString());
            Assert.Equal(SecondsToReset, refused.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, anthropic.StatusCode);
        using (var body = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync()))
        {
            Assert.Equal("error", body.RootElement.GetProperty("type").GetString());
            Assert.Equal("rate_limit_error", body.RootElement.GetProperty("error").GetProperty("type").GetString());
            Assert.StartsWith("AI SpendOps: budget exceeded: 'tiny'", body.RootElement.GetProperty("error").GetProperty("message").GetString());
        }
        Assert.Equal(HttpStatusCode.OK, otherTeam.StatusCode);
        Assert.Equal(2, fixture.Upstream.Requests.Count);
    }

    [Fact]
    public async Task CallsThatEndWithoutACost_GiveTheirReservationBack()
    {
        var key = await fixture.CreateKeyAsync(tenant: "gate-release");
        var tenant = await fixture.EnsureTenantAsync("gate-release");
        // With max_tokens 200 a call may cost about $0.0057: $0.01 has room for one call in flight, not two.
        const int maxTokens = 200;
        var maxCost = BudgetGateCalls.MaxCostUsd(BudgetGateCalls.StreamingBodyBytes(maxTokens), maxTokens);
        Assert.InRange(maxCost, 0.005m, 0.01m);
        await BudgetGateCalls.CreateBlockingBudgetAsync(fixture.App, tenant.Id, "one at a time", 0.01m);
        using var http = fixture.CreateClient();

        fixture.Upstream.Handler = context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("{\"error\":{\"message\":\"upstream broke\"}}");
        };
        var failed = await http.SendAsync(BudgetGateCalls.StreamingCall(key.FullKey, "team=any", maxTokens));

        var stall = new TaskCompletionSource();
        fixture.Upstream.Handler = async context =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync(": thinking\n\n");
            await context.Response.Body.FlushAsync();
            await stall.Task.WaitAsync(context.RequestAborted);
        };
        using (var abandon = new CancellationTokenSource())
        {
            var response = await http.SendAsync(BudgetGateCalls.StreamingCall(key.FullKey, "team=any", maxTokens), HttpCompletionOption.ResponseHeadersRead, abandon.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await abandon.CancelAsync();
            response.Dispose();
        }
        await fixture.Upstream.RequestAborted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await WaitForRecordsAsync(key.Key.Id, 2);

        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.sse");
        var afterwards = await http.SendAsync(BudgetGateCalls.StreamingCall(key.FullKey, "team=any", maxTokens));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
        Assert.Equal(3, fixture.Upstream.Requests.Count);
    }

    [Fact]
    public async Task PausedBudget_StopsBlocking()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        var key = await fixture.CreateKeyAsync(tenant: "gate-pause");
        var tenant = await fixture.EnsureTenantAsync("gate-pause");
        var budget = await BudgetGateCalls.CreateBlockingBudgetAsync(fixture.App, tenant.Id, "small", 0.01m);
        using var http = fixture.CreateClient();
        // 2000 output tokens at $8 per million could cost $0.016: more than the budget.
        var chat = """{"model":"gpt-4.1","max_tokens":2000,"messages":[{"role":"user","content":"Hello"}]}""";

        var blocked = await http.SendAsync(Call(HttpMethod.Post, "/v1/openai/v1/chat/completions", key.FullKey, "team=a", chat));
        await using (var services = fixture.App.Services.CreateAsyncScope())
            await services.ServiceProvider.GetRequiredService<BudgetService>().SetPausedAsync(budget.Id, TenantScope.Of(tenant.Id), paused: true, "test", CancellationToken.None);
        await BudgetGateCalls.ReloadAsync(fixture.App);
        var paused = await http.SendAsync(Call(HttpMethod.Post, "/v1/openai/v1/chat/completions", key.FullKey, "team=a", chat));

        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
    }

    private Task<decimal> SpendAsync(Budget budget, int records) =>
        fixture.WithDbAsync(async db =>
        {
            await WaitForRecordsAsync(budget.Scope, budget.TenantId, records);
            var period = BudgetPeriod.Containing(budget, TenantCalendar.Utc, Now);
            return (await BudgetSpendQuery.GetAsync(db, budget.TenantId, budget.Scope, period, CancellationToken.None)).SpendUsd;
        });

    private async Task WaitForRecordsAsync(BudgetScope scope, Guid tenantId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await fixture.WithDbAsync(db => db.UsageRecords.CountAsync(r => r.TenantId == tenantId && r.PricingStatus != PricingStatus.Pending)) < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Fewer than {count} priced usage records in scope {scope}.");
            await Task.Delay(50);
        }
    }

    private async Task WaitForRecordsAsync(string keyId, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await fixture.WithDbAsync(db => db.UsageRecords.CountAsync(r => r.ApiKeyId == keyId)) < count)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Fewer than {count} usage records for {keyId}.");
            await Task.Delay(50);
        }
    }

    private static HttpRequestMessage Call(HttpMethod method, string path, string apiKey, string dims, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        request.Headers.Add("X-ASO-API-Key", apiKey);
        request.Headers.Add("X-ASO-Dims", dims);
        request.Headers.Add("Authorization", "Bearer sk-test");
        request.Headers.Add("x-api-key", "sk-ant-test");
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    private ChatClient Client(string apiKey, string dims)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(fixture.App.ProxyUrl("openai") + "/v1"), RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(new HeaderPolicy(new Dictionary<string, string> { ["X-ASO-API-Key"] = apiKey, ["X-ASO-Dims"] = dims }), PipelinePosition.PerCall);
        return new ChatClient("gpt-4.1", new ApiKeyCredential("sk-test-openai"), options);
    }
}
