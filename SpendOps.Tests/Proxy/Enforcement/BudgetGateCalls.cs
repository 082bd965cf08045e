using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Budgets;
using SpendOps.Proxy.Enforcement;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Enforcement;

/// <summary>The calls and the numbers the hard-limit tests share, worked out from the fixtures and the catalog.</summary>
internal static class BudgetGateCalls
{
    /// <summary>
    /// openai-chat.json and openai-chat.sse report 1540 prompt tokens (1024 of them cached) and 12 output tokens of
    /// gpt-4.1-2025-04-14, which the catalog prices at $2 input, $0.50 cached input and $8 output per million tokens:
    /// 516 × 2 + 1024 × 0.5 + 12 × 8 = 1032 + 512 + 96 = 1640 millionths of a dollar.
    /// </summary>
    public const decimal CallCostUsd = 0.00164m;

    public const int MaxTokens = 100;

    /// <summary>As long as the prompt the fixtures' usage reports, so the input estimate covers the real input.</summary>
    public static readonly string Prompt = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 134));

    /// <summary>
    /// What admission reserves for a gpt-4.1 call: the body's bytes / 3 as input tokens at $2 per million, plus
    /// max_tokens at $8 per million.
    /// </summary>
    public static decimal MaxCostUsd(int bodyBytes, int maxTokens = MaxTokens) => bodyBytes / 3 * 0.000002m + maxTokens * 0.000008m;

    public static string StreamingBody(int maxTokens = MaxTokens) =>
        $$"""{"model":"gpt-4.1","stream":true,"stream_options":{"include_usage":true},"max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"{{Prompt}}"}]}""";

    public static int StreamingBodyBytes(int maxTokens = MaxTokens) => Encoding.UTF8.GetByteCount(StreamingBody(maxTokens));

    public static HttpRequestMessage StreamingCall(string apiKey, string dims, int maxTokens = MaxTokens)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent(StreamingBody(maxTokens), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", apiKey);
        request.Headers.Add("X-ASO-Dims", dims);
        request.Headers.Add("Authorization", "Bearer " + Canaries.OpenAiApiKey);
        return request;
    }

    /// <summary>Creates a blocking monthly budget and has the proxy read it at once (it would within seconds anyway).</summary>
    public static async Task<Budget> CreateBlockingBudgetAsync(SpendOpsAppFactory app, Guid tenantId, string name, decimal amountUsd, params string[] scope)
    {
        await using var services = app.Services.CreateAsyncScope();
        var budget = await services.ServiceProvider.GetRequiredService<BudgetService>().CreateAsync(tenantId,
            new BudgetDefinition(name, amountUsd, BudgetPeriodKind.Month, null, BudgetScopeTerms.Parse(scope), [80, 100], BudgetAction.Block, []),
            "test", CancellationToken.None);
        await ReloadAsync(app);
        return budget;
    }

    public static Task ReloadAsync(SpendOpsAppFactory app) =>
        app.Services.GetRequiredService<BudgetLeaseSync>().SyncOnceAsync(CancellationToken.None, reload: true);
}
