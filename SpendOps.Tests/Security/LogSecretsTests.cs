using System.Text;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Keys;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Security;

/// <summary>
/// With logging at Trace, calls carrying provider credentials (Authorization, x-api-key, Gemini's <c>?key=</c>),
/// a prompt and a completion, a failing upstream and a wrong key secret leave none of them in the host's log.
/// </summary>
public sealed class LogSecretsTests(VerboseLoggingFixture fixture) : IClassFixture<VerboseLoggingFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        fixture.Upstream.Handler = AnswerWithCompletionAsync;
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task OpenAiCall_VerboseLogging_LogsNoCredentialPromptOrCompletion()
    {
        var body = await SendAsync("/v1/openai/v1/chat/completions", ChatBody("gpt-4.1"), r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Canaries.OpenAiApiKey));

        Assert.Contains(Canaries.Completion, body, StringComparison.Ordinal);
        Assert.Equal("Bearer " + Canaries.OpenAiApiKey, fixture.Upstream.LastRequest.Header("Authorization"));
        AssertLogsClean();
    }

    [Fact]
    public async Task AnthropicCalls_VerboseLogging_LogNoApiKeyOrOAuthToken()
    {
        await SendAsync("/v1/anthropic/v1/messages", ChatBody("claude-sonnet-4-5"), r => r.Headers.Add("x-api-key", Canaries.AnthropicApiKey));
        Assert.Equal(Canaries.AnthropicApiKey, fixture.Upstream.LastRequest.Header("x-api-key"));
        await SendAsync("/v1/anthropic/v1/messages", ChatBody("claude-sonnet-4-5"), r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Canaries.AnthropicOAuthToken));
        Assert.Equal("Bearer " + Canaries.AnthropicOAuthToken, fixture.Upstream.LastRequest.Header("Authorization"));

        AssertLogsClean();
    }

    [Fact]
    public async Task GeminiCall_KeyInQuery_VerboseLogging_LogsNoKey()
    {
        var body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"" + Canaries.Prompt + "\"}]}]}";

        await SendAsync($"/v1/google/v1beta/models/gemini-2.5-flash:generateContent?key={Canaries.GeminiApiKey}", body);

        Assert.Equal($"?key={Canaries.GeminiApiKey}", fixture.Upstream.LastRequest.QueryString);
        AssertLogsClean();
    }

    [Fact]
    public async Task UpstreamResetsTheCall_VerboseLogging_WarningNamesNoKey()
    {
        fixture.Upstream.Handler = context =>
        {
            context.Abort();
            return Task.CompletedTask;
        };

        await SendAsync($"/v1/google/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse&key={Canaries.GeminiApiKey}", ChatBody("gemini-2.5-flash"));

        Assert.Contains(fixture.Lines, line => line.Contains("Upstream google failed", StringComparison.Ordinal));
        AssertLogsClean();
    }

    [Fact]
    public async Task WrongKeySecret_VerboseLogging_LogsNeitherSecret()
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions") { Content = new StringContent(ChatBody("gpt-4.1"), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-ASO-API-Key", $"{ApiKeyFormat.Prefix}{key.Key.Id}.{Canaries.ApiKeySecret}");

        using var response = await client.SendAsync(request);

        Assert.Equal(403, (int)response.StatusCode);
        AssertLogsClean();
    }

    private async Task<string> SendAsync(string path, string body, Action<HttpRequestMessage>? credentials = null)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        credentials?.Invoke(request);
        using var response = await client.SendAsync(request);
        return await response.Content.ReadAsStringAsync();
    }

    private void AssertLogsClean()
    {
        var lines = fixture.Lines.ToList();
        // Trace really is on: the framework's own Trace and Debug lines are there.
        Assert.Contains(lines, line => line.Contains(" Trace ", StringComparison.Ordinal) || line.Contains(" Debug ", StringComparison.Ordinal));
        string[] secrets = [Canaries.OpenAiApiKey, Canaries.AnthropicApiKey, Canaries.AnthropicOAuthToken, Canaries.GeminiApiKey, Canaries.Prompt, Canaries.Completion, Canaries.ApiKeySecret, key.FullKey[(key.FullKey.IndexOf('.', StringComparison.Ordinal) + 1)..]];
        var leaks = lines.Where(line => secrets.Any(secret => line.Contains(secret, StringComparison.Ordinal))).ToList();
        Assert.True(leaks.Count == 0, "Secrets in the log:" + Environment.NewLine + string.Join(Environment.NewLine, leaks));
    }

    private static string ChatBody(string model) =>
        "{\"model\":\"" + model + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"" + Canaries.Prompt + "\"}]}";

    private static Task AnswerWithCompletionAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(
            "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + Canaries.Completion + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":9,\"total_tokens\":21}}");
    }
}
