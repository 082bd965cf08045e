using Anthropic;
using Anthropic.Core;
using Anthropic.Exceptions;
using Anthropic.Models.Messages;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Sdk;

/// <summary>
/// The official Anthropic .NET SDK through the proxy, set up the way Claude Code is: base URL
/// <c>…/v1/anthropic</c>, the personal key as <c>x-api-key</c>, and the two headers.
/// </summary>
public sealed class AnthropicSdkTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync(new KeyPolicy { AllowedProviders = ["anthropic"], AllowedModels = ["claude-*"], RequiredDims = ["user"] });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Message_ReturnsProvidersAnswerAndUsage()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/anthropic-messages.json", r => r.Headers["request-id"] = "req_011CAbc");
        var client = Client(new Dictionary<string, string> { ["X-ASO-API-Key"] = key.FullKey, ["X-ASO-Dims"] = "user=alice" });

        var message = await client.Messages.Create(Params());

        Assert.Equal("msg_01FxAAAAAAAAAAAAAAAAAAAA", message.ID);
        Assert.Equal(12, message.Usage.InputTokens);
        Assert.Equal(10240, message.Usage.CacheReadInputTokens);
        Assert.Equal(2048, message.Usage.CacheCreationInputTokens);
        Assert.Equal(11, message.Usage.OutputTokens);
        var upstream = fixture.Upstream.LastRequest;
        Assert.Equal("/v1/messages", upstream.Path);
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        Assert.Equal(message.Usage.InputTokens, record.Tokens.InputTokens);
        Assert.Equal(message.Usage.CacheReadInputTokens, record.Tokens.CacheReadTokens);
        Assert.Equal(message.Usage.CacheCreationInputTokens, record.Tokens.CacheWrite5mTokens + record.Tokens.CacheWrite1hTokens);
        Assert.Equal(message.Usage.OutputTokens, record.Tokens.OutputTokens);
        Assert.Equal("req_011CAbc", record.UpstreamRequestId);
        Assert.Equal("alice", record.Dims["user"]);
        Assert.True(record.UsageComplete);
        // This SDK version sends the key as a bearer token; whichever header it uses arrives untouched.
        Assert.Equal("Bearer sk-ant-api03-personal", upstream.Header("Authorization"));
        Assert.NotNull(upstream.Header("anthropic-version"));
        Assert.Null(upstream.Header("X-ASO-Dims"));
    }

    [Fact]
    public async Task StreamingMessage_DeliversStartDeltasAndFinalUsage()
    {
        fixture.Upstream.Handler = FixtureFiles.Replay("providers/anthropic-messages.sse");
        var client = Client(new Dictionary<string, string> { ["X-ASO-API-Key"] = key.FullKey, ["X-ASO-Dims"] = "user=alice" });

        var text = "";
        long? inputTokens = null, outputTokens = null, cacheRead = null, cacheWrite = null;
        var stopped = false;
        await foreach (var streamEvent in client.Messages.CreateStreaming(Params()))
        {
            if (streamEvent.TryPickStart(out var start))
                (inputTokens, cacheRead, cacheWrite) = (start.Message.Usage.InputTokens, start.Message.Usage.CacheReadInputTokens, start.Message.Usage.CacheCreationInputTokens);
            if (streamEvent.TryPickContentBlockDelta(out var delta) && delta.Delta.TryPickText(out var textDelta))
                text += textDelta.Text;
            if (streamEvent.TryPickDelta(out var messageDelta))
                outputTokens = messageDelta.Usage.OutputTokens;
            stopped |= streamEvent.TryPickStop(out _);
        }

        Assert.Equal("Hi! How can I help you today?", text);
        Assert.Equal(12, inputTokens);
        Assert.Equal(11, outputTokens);
        Assert.True(stopped);
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);
        Assert.Equal(inputTokens, record.Tokens.InputTokens);
        Assert.Equal(cacheRead, record.Tokens.CacheReadTokens);
        Assert.Equal(cacheWrite, record.Tokens.CacheWrite1hTokens);
        Assert.Equal(outputTokens, record.Tokens.OutputTokens);
        Assert.True(record.Stream);
        Assert.True(record.UsageComplete);
    }

    [Fact]
    public async Task MissingDimension_SdkShowsProxyMessage()
    {
        var client = Client(new Dictionary<string, string> { ["X-ASO-API-Key"] = key.FullKey });

        var error = await Assert.ThrowsAnyAsync<AnthropicException>(() => client.Messages.Create(Params()));

        Assert.Contains("AI SpendOps: require_dims violation", error.Message);
        Assert.Empty(fixture.Upstream.Requests);
    }

    [Fact]
    public async Task DisabledKey_SdkShowsProxyMessage()
    {
        var client = Client(new Dictionary<string, string> { ["X-ASO-API-Key"] = "aso_k_test.secret", ["X-ASO-Dims"] = "user=alice" });

        var error = await Assert.ThrowsAnyAsync<AnthropicException>(() => client.Messages.Create(Params()));

        Assert.Contains("AI SpendOps: Invalid X-ASO-API-Key (unknown)", error.Message);
    }

    private AnthropicClient Client(IReadOnlyDictionary<string, string> headers) => new(new ClientOptions
    {
        BaseUrl = fixture.App.ProxyUrl("anthropic"),
        ApiKey = "sk-ant-api03-personal",
        MaxRetries = 0,
        ExtraHeaders = headers,
    });

    private static MessageCreateParams Params() => new()
    {
        Model = "claude-sonnet-4-5-20250929",
        MaxTokens = 64,
        Messages = [new UserMessageParam("Hi")],
    };
}
