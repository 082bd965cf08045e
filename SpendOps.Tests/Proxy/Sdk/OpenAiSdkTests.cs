using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Sdk;

#pragma warning disable OPENAI001 // The Responses client is marked experimental in the SDK; the API it calls is not.

/// <summary>The official OpenAI .NET SDK through the proxy: a base URL and two headers, nothing else changes.</summary>
public sealed class OpenAiSdkTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["openai"], AllowedModels = ["gpt-4.1*", "o4-mini*"], RequiredDims = ["team"] });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ChatCompletion_ReturnsProvidersAnswerAndUsage()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json", r => r.Headers["x-request-id"] = "req_openai_1");
        var client = Client(new() { ["X-ASO-API-Key"] = key.FullKey, ["X-ASO-Dims"] = "team=backend,app=chatbot" });

        var result = await client.CompleteChatAsync([new UserChatMessage("Hello")]);

        Assert.Equal("Hello! How can I help you today?", result.Value.Content[0].Text);
        Assert.Equal(1540, result.Value.Usage.InputTokenCount);
        Assert.Equal(12, result.Value.Usage.OutputTokenCount);
        Assert.Equal(1024, result.Value.Usage.InputTokenDetails.CachedTokenCount);
        var upstream = fixture.Upstream.LastRequest;
        Assert.Equal("/v1/chat/completions", upstream.Path);
        Assert.Equal("Bearer sk-test-openai", upstream.Header("Authorization"));
        Assert.Null(upstream.Header("X-ASO-API-Key"));
        var requestId = result.GetRawResponse().Headers.TryGetValue("X-ASO-Request-Id", out var id) ? id : null;
        var record = await fixture.WaitForUsageAsync(requestId!);
        Assert.Equal("req_openai_1", record.UpstreamRequestId);
        Assert.Equal("backend", record.Dims["team"]);
        AssertRecordedAsReported(result.Value.Usage, record);
        Assert.False(record.Stream);
    }

    [Fact]
    public async Task StreamingChat_DeliversEveryUpdateIncludingUsage()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.sse");
        var client = Client(new() { ["X-ASO-API-Key"] = key.FullKey, ["X-ASO-Dims"] = "team=backend" });

        var text = "";
        ChatTokenUsage? usage = null;
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("Hello")]))
        {
            text += string.Concat(update.ContentUpdate.Select(p => p.Text));
            usage ??= update.Usage;
        }

        Assert.Equal("Hello! How can I help you today?", text);
        Assert.NotNull(usage);
        Assert.Equal(1540, usage.InputTokenCount);
        Assert.Equal(12, usage.OutputTokenCount);
        using var sent = JsonDocument.Parse(fixture.Upstream.LastRequest.Body);
        Assert.True(sent.RootElement.GetProperty("stream").GetBoolean());
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        AssertRecordedAsReported(usage, record);
        Assert.True(record.Stream);
    }

    [Fact]
    public async Task Responses_RecordedUsageEqualsWhatSdkReports()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-responses.json");
        var client = ResponsesClient(new() { ["X-ASO-API-Key"] = key.FullKey, ["X-ASO-Dims"] = "team=backend" });

        var result = await client.CreateResponseAsync("gpt-4.1", "What is the capital of France?");

        var usage = result.Value.Usage;
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        Assert.Equal(usage.InputTokenCount, record.Tokens.InputTokens + record.Tokens.CacheReadTokens);
        Assert.Equal(usage.InputTokenDetails.CachedTokenCount, record.Tokens.CacheReadTokens);
        Assert.Equal(usage.OutputTokenCount, record.Tokens.OutputTokens);
        Assert.Equal(128, record.Tokens.ReasoningTokens);
        Assert.Equal("responses", record.Endpoint);
        Assert.True(record.UsageComplete);
    }

    [Fact]
    public async Task StreamingResponses_RecordedUsageEqualsWhatSdkReports()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-responses.sse");
        var client = ResponsesClient(new() { ["X-ASO-API-Key"] = key.FullKey, ["X-ASO-Dims"] = "team=backend" });

        ResponseTokenUsage? usage = null;
        await foreach (var update in await client.CreateResponseStreamingAsync("gpt-4.1", "What is the capital of France?"))
        {
            if (update is StreamingResponseCompletedUpdate completed)
                usage = completed.Response.Usage;
        }

        Assert.NotNull(usage);
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        Assert.Equal(usage.InputTokenCount, record.Tokens.InputTokens + record.Tokens.CacheReadTokens);
        Assert.Equal(usage.InputTokenDetails.CachedTokenCount, record.Tokens.CacheReadTokens);
        Assert.Equal(usage.OutputTokenCount, record.Tokens.OutputTokens);
        Assert.True(record.Stream);
        Assert.True(record.UsageComplete);
    }

    [Fact]
    public async Task MissingDimension_SdkShowsProxyMessage()
    {
        var client = Client(new() { ["X-ASO-API-Key"] = key.FullKey });

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hello")]));

        Assert.Equal(400, error.Status);
        Assert.Contains("AI SpendOps: require_dims violation", error.Message);
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Fact]
    public async Task ModelOutsideAllowList_SdkShowsProxyMessage()
    {
        var client = Client(new() { ["X-ASO-API-Key"] = key.FullKey, ["X-ASO-Dims"] = "team=backend" }, model: "gpt-5");

        var error = await Assert.ThrowsAsync<ClientResultException>(() => client.CompleteChatAsync([new UserChatMessage("Hello")]));

        Assert.Equal(403, error.Status);
        Assert.Contains("AI SpendOps: Model not allowed by API key policy", error.Message);
    }

    /// <summary>The SDK's prompt count includes cached tokens; the record keeps them apart (uncached input + cache reads).</summary>
    private static void AssertRecordedAsReported(ChatTokenUsage usage, SpendOps.Core.Usage.UsageRecord record)
    {
        Assert.Equal(usage.InputTokenCount, record.Tokens.InputTokens + record.Tokens.CacheReadTokens);
        Assert.Equal(usage.InputTokenDetails.CachedTokenCount, record.Tokens.CacheReadTokens);
        Assert.Equal(usage.OutputTokenCount, record.Tokens.OutputTokens);
        Assert.Equal(usage.OutputTokenDetails.ReasoningTokenCount, record.Tokens.ReasoningTokens);
        Assert.True(record.UsageComplete);
        Assert.Equal("gpt-4.1-2025-04-14", record.ModelReported);
        Assert.Equal("chat.completions", record.Endpoint);
    }

    private ResponsesClient ResponsesClient(Dictionary<string, string> headers)
    {
        var options = new ResponsesClientOptions { Endpoint = new Uri(fixture.App.ProxyUrl("openai") + "/v1"), RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(new HeaderPolicy(headers), PipelinePosition.PerCall);
        return new ResponsesClient(new ApiKeyCredential("sk-test-openai"), options);
    }

    private ChatClient Client(Dictionary<string, string> headers, string model = "gpt-4.1")
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(fixture.App.ProxyUrl("openai") + "/v1"), RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(new HeaderPolicy(headers), PipelinePosition.PerCall);
        return new ChatClient(model, new ApiKeyCredential("sk-test-openai"), options);
    }
}
