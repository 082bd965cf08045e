using System.ClientModel;
using System.ClientModel.Primitives;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenAI;
using OpenAI.Chat;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Enforcement;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Sdk;

namespace SpendOps.Tests.Proxy.Enforcement;

/// <summary>
/// Requests and tokens per minute through the real host, seen by the official OpenAI SDK and a plain Anthropic-style
/// client. The test clock stands 15 s into a minute, so the window frees in 45 s.
/// </summary>
public sealed class KeyRateLimitTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 15, TimeSpan.Zero);
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
    public async Task RequestsPerMinute_TwoAnswersThen429WithHeaders_RecoversInTheNextMinute()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        var key = await fixture.CreateKeyAsync(new KeyPolicy { RequestsPerMinute = 2 }, name: "rpm 2");
        var client = Client(key);

        var first = await client.CompleteChatAsync([new UserChatMessage("Hello")]);
        var second = await client.CompleteChatAsync([new UserChatMessage("Hello")]);
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hello")]));

        Assert.Equal("1", Header(first.GetRawResponse(), "x-ratelimit-remaining-requests"));
        Assert.Equal("2", Header(second.GetRawResponse(), "x-ratelimit-limit-requests"));
        Assert.Equal("0", Header(second.GetRawResponse(), "x-ratelimit-remaining-requests"));
        Assert.Equal("45s", Header(second.GetRawResponse(), "x-ratelimit-reset-requests"));
        Assert.Null(Header(second.GetRawResponse(), "retry-after"));
        Assert.Equal(429, refused.Status);
        var response = refused.GetRawResponse()!;
        Assert.Equal("45", Header(response, "retry-after"));
        Assert.Equal("2", Header(response, "x-ratelimit-limit-requests"));
        Assert.Equal("0", Header(response, "x-ratelimit-remaining-requests"));
        Assert.Equal("45s", Header(response, "x-ratelimit-reset-requests"));
        Assert.Null(Header(response, "anthropic-ratelimit-requests-limit"));
        using var body = JsonDocument.Parse(response.Content.ToString());
        Assert.Equal("AI SpendOps: rate limit exceeded (2 requests per minute for this key)", body.RootElement.GetProperty("error").GetProperty("message").GetString());
        Assert.Equal("aso_rate_limited", body.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(2, fixture.Upstream.Requests.Count);

        fixture.App.Clock.StopAt(Now.AddSeconds(45));
        var next = await client.CompleteChatAsync([new UserChatMessage("Hello")]);

        Assert.Equal("1", Header(next.GetRawResponse(), "x-ratelimit-remaining-requests"));
        Assert.Equal("1m0s", Header(next.GetRawResponse(), "x-ratelimit-reset-requests"));
        Assert.Equal(3, fixture.Upstream.Requests.Count);
    }

    [Fact]
    public async Task TokensPerMinute_RefusedOnceCompletedCallsUsedTheBudget()
    {
        // openai-chat.json: 1540 prompt tokens (1024 of them cached) + 12 output = 1552 per call.
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        var key = await fixture.CreateKeyAsync(new KeyPolicy { TokensPerMinute = 3000 }, name: "tpm 3000");
        var client = Client(key);

        var first = await client.CompleteChatAsync([new UserChatMessage("Hello")]);
        await WaitForRecordsAsync(key.Key.Id, 1);
        var second = await client.CompleteChatAsync([new UserChatMessage("Hello")]);
        await WaitForRecordsAsync(key.Key.Id, 2);
        var refused = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hello")]));

        Assert.Equal("3000", Header(first.GetRawResponse(), "x-ratelimit-remaining-tokens"));
        Assert.Equal("1448", Header(second.GetRawResponse(), "x-ratelimit-remaining-tokens"));
        Assert.Null(Header(second.GetRawResponse(), "x-ratelimit-limit-requests"));
        Assert.Equal(429, refused.Status);
        var response = refused.GetRawResponse()!;
        Assert.Equal("3000", Header(response, "x-ratelimit-limit-tokens"));
        Assert.Equal("0", Header(response, "x-ratelimit-remaining-tokens"));
        Assert.Equal("45s", Header(response, "x-ratelimit-reset-tokens"));
        Assert.Equal("45", Header(response, "retry-after"));
        Assert.Contains("AI SpendOps: rate limit exceeded (3000 tokens per minute for this key)", refused.Message);
        Assert.Equal(2, fixture.Upstream.Requests.Count);
    }

    [Fact]
    public async Task AnthropicCall_TenantDefaultsApply_AnthropicHeadersAndErrorShape()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/anthropic-messages.json");
        var tenant = await fixture.EnsureTenantAsync("rate-limited tenant");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantService>()
                .UpdateRateLimitsAsync(tenant.Name, 1, 50_000, clearRequests: false, clearTokens: false, "test", CancellationToken.None);
        }
        await fixture.App.Services.GetRequiredService<RateLimitSync>().SyncOnceAsync(CancellationToken.None);
        var key = await fixture.CreateKeyAsync(tenant: tenant.Name, name: "tenant defaults");
        using var http = fixture.CreateClient();

        using var allowed = await http.SendAsync(AnthropicRequest(key));
        using var refused = await http.SendAsync(AnthropicRequest(key));

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("1", Header(allowed, "anthropic-ratelimit-requests-limit"));
        Assert.Equal("0", Header(allowed, "anthropic-ratelimit-requests-remaining"));
        Assert.Equal("2026-12-02T10:01:00Z", Header(allowed, "anthropic-ratelimit-requests-reset"));
        Assert.Equal("50000", Header(allowed, "anthropic-ratelimit-tokens-limit"));
        Assert.Equal("50000", Header(allowed, "anthropic-ratelimit-tokens-remaining"));
        Assert.Equal("2026-12-02T10:01:00Z", Header(allowed, "anthropic-ratelimit-tokens-reset"));
        Assert.Equal("1", Header(allowed, "x-ratelimit-limit-requests"));
        Assert.Equal((HttpStatusCode)429, refused.StatusCode);
        Assert.Equal("45", Header(refused, "retry-after"));
        Assert.Equal("0", Header(refused, "anthropic-ratelimit-requests-remaining"));
        Assert.Equal("{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"AI SpendOps: rate limit exceeded (1 requests per minute for this key)\"}}",
            await refused.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task KeyWithoutLimits_CarriesNoRateLimitHeaders()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/anthropic-messages.json");
        var key = await fixture.CreateKeyAsync(name: "unlimited");
        using var http = fixture.CreateClient();

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
            responses.Add(await http.SendAsync(AnthropicRequest(key)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var names = responses.SelectMany(r => r.Headers.Select(h => h.Key.ToLowerInvariant())).ToList();
        Assert.DoesNotContain(names, n => n.Contains("ratelimit") || n == "retry-after");
        responses.ForEach(r => r.Dispose());
    }

    [Fact]
    public async Task KeyLimitOverridesTenantDefault_AndNoneReturnsToIt()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        var tenant = await fixture.EnsureTenantAsync("tenant with default 5");
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TenantService>()
                .UpdateRateLimitsAsync(tenant.Name, 5, null, clearRequests: false, clearTokens: false, "test", CancellationToken.None);
        }
        await fixture.App.Services.GetRequiredService<RateLimitSync>().SyncOnceAsync(CancellationToken.None);
        var own = await fixture.CreateKeyAsync(new KeyPolicy { RequestsPerMinute = 100 }, tenant: tenant.Name, name: "own limit");
        var inherits = await fixture.CreateKeyAsync(tenant: tenant.Name, name: "inherits");

        var ownAnswer = await Client(own).CompleteChatAsync([new UserChatMessage("Hello")]);
        var inheritedAnswer = await Client(inherits).CompleteChatAsync([new UserChatMessage("Hello")]);

        Assert.Equal("100", Header(ownAnswer.GetRawResponse(), "x-ratelimit-limit-requests"));
        Assert.Equal("5", Header(inheritedAnswer.GetRawResponse(), "x-ratelimit-limit-requests"));
        Assert.Equal("4", Header(inheritedAnswer.GetRawResponse(), "x-ratelimit-remaining-requests"));
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

    private static HttpRequestMessage AnthropicRequest(CreatedApiKey key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/anthropic/v1/messages")
        {
            Content = new StringContent("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        request.Headers.Add("x-api-key", "sk-ant-test");
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    private ChatClient Client(CreatedApiKey key)
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(fixture.App.ProxyUrl("openai") + "/v1"), RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(new HeaderPolicy(new Dictionary<string, string> { ["X-ASO-API-Key"] = key.FullKey }), PipelinePosition.PerCall);
        return new ChatClient("gpt-4.1", new ApiKeyCredential("sk-test-openai"), options);
    }

    private static string? Header(PipelineResponse response, string name) => response.Headers.TryGetValue(name, out var value) ? value : null;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
