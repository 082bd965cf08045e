using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json;
using OpenAI;
using OpenAI.Chat;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Sdk;

/// <summary>The official OpenAI .NET SDK through the proxy: a base URL and two headers, nothing else changes.</summary>
public sealed class OpenAiSdkTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["openai"], AllowedModels = ["gpt-4.1*"], RequiredDims = ["team"] });
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

    private ChatClient Client(Dictionary<string, string> headers, string model = "gpt-4.1")
    {
        var options = new OpenAIClientOptions { Endpoint = new Uri(fixture.App.ProxyUrl("openai") + "/v1"), RetryPolicy = new ClientRetryPolicy(0) };
        options.AddPolicy(new HeaderPolicy(headers), PipelinePosition.PerCall);
        return new ChatClient(model, new ApiKeyCredential("sk-test-openai"), options);
    }
}
