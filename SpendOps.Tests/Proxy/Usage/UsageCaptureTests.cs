using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>Calls through the proxy become complete, priced usage records — or are flagged, never silently free.</summary>
public sealed class UsageCaptureTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private static readonly string ChatSse = Encoding.UTF8.GetString(FixtureFiles.Bytes("providers/openai-chat.sse"));

    public Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ChatCall_IsPricedAtCatalogRates()
    {
        var key = await fixture.CreateKeyAsync();
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");

        await PostAsync(key, "/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[]}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        await RunPricingAsync();
        var priced = await fixture.WaitForUsageAsync(record.RequestId);

        // gpt-4.1-2025-04-14: $2 input, $0.50 cached input, $8 output per million tokens.
        // 516 × 2 + 1024 × 0.5 + 12 × 8 = 1032 + 512 + 96 = 1640 micro-dollars.
        Assert.Equal(PricingStatus.Priced, priced.PricingStatus);
        Assert.Equal(0.00164m, priced.CostUsd);
        Assert.Equal((516, 1024, 12), (priced.Tokens.InputTokens, priced.Tokens.CacheReadTokens, priced.Tokens.OutputTokens));
    }

    [Fact]
    public async Task ProxiedCall_IsPricedAsItIsWrittenWithoutWaitingForTheJob()
    {
        var key = await fixture.CreateKeyAsync();
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");

        await PostAsync(key, "/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[]}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        // Jobs are off in tests: the writer priced it. 516 × $2/M + 1024 × $0.5/M + 12 × $8/M = $0.00164.
        Assert.Equal(PricingStatus.Priced, record.PricingStatus);
        Assert.Equal(0.00164m, record.CostUsd);
        Assert.NotNull(record.PriceId);
    }

    [Fact]
    public async Task StreamedAndNonStreamedCallsWithSameUsage_CostTheSame()
    {
        var plain = await fixture.CreateKeyAsync();
        var streamed = await fixture.CreateKeyAsync();
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/anthropic-messages.json");
        await PostAsync(plain, "/v1/anthropic/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5}");
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/anthropic-messages.sse");
        await PostAsync(streamed, "/v1/anthropic/v1/messages", "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":5,\"stream\":true}");
        var a = await fixture.WaitForKeyUsageAsync(plain.Key.Id);
        var b = await fixture.WaitForKeyUsageAsync(streamed.Key.Id);

        await RunPricingAsync();
        a = await fixture.WaitForUsageAsync(a.RequestId);
        b = await fixture.WaitForUsageAsync(b.RequestId);

        // claude-sonnet-4-5: $3 input, $0.30 cache read, $3.75 5-minute write, $6 one-hour write (2 × input), $15 output.
        // JSON (5m write):  12 × 3 + 10240 × 0.3 + 2048 × 3.75 + 11 × 15 = 36 + 3072 + 7680 + 165 = 10953 µ$
        // SSE  (1h write):  12 × 3 + 10240 × 0.3 + 2048 × 6    + 11 × 15 = 36 + 3072 + 12288 + 165 = 15561 µ$
        Assert.Equal(0.010953m, a.CostUsd);
        Assert.Equal(0.015561m, b.CostUsd);
        Assert.Equal((a.Tokens.InputTokens, a.Tokens.CacheReadTokens, a.Tokens.CacheWriteTokens, a.Tokens.OutputTokens), (b.Tokens.InputTokens, b.Tokens.CacheReadTokens, b.Tokens.CacheWriteTokens, b.Tokens.OutputTokens));
        Assert.True(b.Stream);
        Assert.False(a.Stream);
    }

    [Fact]
    public async Task StreamWithoutUsage_IsRecordedAsIncompleteNotFree()
    {
        var key = await fixture.CreateKeyAsync();
        var withoutUsage = string.Join("\n\n", ChatSse.Split("\n\n").Where(e => !e.Contains("\"usage\":{", StringComparison.Ordinal)));
        fixture.Upstream.Handler = Sse(withoutUsage);

        await PostAsync(key, "/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"stream\":true}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        await RunPricingAsync();
        record = await fixture.WaitForUsageAsync(record.RequestId);

        Assert.False(record.UsageComplete);
        Assert.True(record.Billable);
        Assert.Equal(PricingStatus.UsageUnknown, record.PricingStatus);
        Assert.Null(record.CostUsd);
    }

    [Fact]
    public async Task KeyWithStreamUsageInjection_AddsIncludeUsageAndHidesTheExtraChunk()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { InjectStreamUsage = true });
        string? forwardedBody = null;
        fixture.Upstream.Handler = async context =>
        {
            forwardedBody = Encoding.UTF8.GetString(fixture.Upstream.LastRequest.Body);
            await Sse(ChatSse)(context);
        };

        var response = await PostAsync(key, "/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"messages\":[],\"stream\":true}");
        var received = await response.Content.ReadAsStringAsync();
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        using var forwarded = JsonDocument.Parse(forwardedBody!);
        Assert.True(forwarded.RootElement.GetProperty("stream_options").GetProperty("include_usage").GetBoolean());
        Assert.Equal("gpt-4.1", forwarded.RootElement.GetProperty("model").GetString());
        var expected = string.Join("\n\n", ChatSse.Split("\n\n").Where(e => !e.Contains("\"choices\":[],", StringComparison.Ordinal)));
        Assert.Equal(expected, received);
        Assert.True(record.UsageComplete);
        Assert.Equal((516, 1024, 12), (record.Tokens.InputTokens, record.Tokens.CacheReadTokens, record.Tokens.OutputTokens));
    }

    [Fact]
    public async Task ClientThatAskedForUsage_StillGetsTheUsageChunkWithInjectionOn()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { InjectStreamUsage = true });
        fixture.Upstream.Handler = Sse(ChatSse);

        var response = await PostAsync(key, "/v1/openai/v1/chat/completions", "{\"model\":\"gpt-4.1\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}");

        Assert.Equal(ChatSse, await response.Content.ReadAsStringAsync());
        Assert.Equal("{\"model\":\"gpt-4.1\",\"stream\":true,\"stream_options\":{\"include_usage\":true}}", Encoding.UTF8.GetString(fixture.Upstream.LastRequest.Body));
    }

    [Fact]
    public async Task CountTokens_IsRecordedAsNotBillable()
    {
        var key = await fixture.CreateKeyAsync();
        fixture.Upstream.Handler = context => context.Response.WriteAsync("{\"input_tokens\":2095}");

        await PostAsync(key, "/v1/anthropic/v1/messages/count_tokens?beta=true", "{\"model\":\"claude-sonnet-4-5\",\"messages\":[]}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        Assert.False(record.Billable);
        Assert.Equal(PricingStatus.NotBillable, record.PricingStatus);
        Assert.Equal("messages.count_tokens", record.Endpoint);
    }

    [Fact]
    public async Task UnknownModel_StaysUnpricedAndVisible()
    {
        var key = await fixture.CreateKeyAsync();
        var body = Encoding.UTF8.GetString(FixtureFiles.Bytes("providers/openai-chat.json")).Replace("gpt-4.1-2025-04-14", "acme-secret-model-7", StringComparison.Ordinal);
        fixture.Upstream.Handler = context => context.Response.WriteAsync(body);

        await PostAsync(key, "/v1/openai/v1/chat/completions", "{\"model\":\"acme-secret-model-7\"}");
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        await RunPricingAsync();
        record = await fixture.WaitForUsageAsync(record.RequestId);

        Assert.Equal(PricingStatus.Unpriced, record.PricingStatus);
        Assert.Null(record.CostUsd);
        Assert.Equal(516, record.Tokens.InputTokens);
    }

    private async Task RunPricingAsync()
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PricingRunner>().RunOnceAsync(CancellationToken.None);
    }

    private async Task<HttpResponseMessage> PostAsync(CreatedApiKey key, string path, string body)
    {
        using var client = fixture.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private static Func<HttpContext, Task> Sse(string stream) => async context =>
    {
        context.Response.ContentType = "text/event-stream";
        foreach (var part in stream.Split("\n\n"))
        {
            await context.Response.WriteAsync(part.Length == 0 ? "" : part + "\n\n");
            await context.Response.Body.FlushAsync();
        }
    };
}
