using SpendOps.Core.Usage;

/// <summary>
/// Proxy calls as the writer sees them: several tenants, keys and models, three dimensions each, token counts that
/// vary, a fresh upstream request id, and no price yet (the writer prices them from the seeded catalogue).
/// </summary>
internal sealed class RecordFactory(Guid[] tenants)
{
    private static readonly (string Provider, string Endpoint, string Model)[] Models =
    [
        ("openai", "/v1/chat/completions", "gpt-4o-mini"),
        ("openai", "/v1/responses", "gpt-4.1"),
        ("anthropic", "/v1/messages", "claude-sonnet-4-5"),
        ("anthropic", "/v1/messages", "claude-3-5-haiku-20241022"),
        ("gemini", "/v1beta/models:generateContent", "gemini-2.5-flash"),
        ("mistral", "/v1/chat/completions", "mistral-large-latest"),
    ];

    private static readonly string[] Teams = ["backend", "frontend", "data", "ml", "support", "sales", "ops", "research"];
    private static readonly string[] Apps = ["chatbot", "search", "summarizer", "agent", "classifier"];
    private static readonly string[] Environments = ["prod", "staging", "dev"];

    private readonly Random random = new(42);
    private readonly string run = Guid.NewGuid().ToString("N")[..8];
    private long sequence;

    /// <summary>
    /// A provider's random request id, drawn from the seeded generator: Guid.NewGuid asks the kernel for randomness on
    /// every call, which cost the producer (on the same two cores as the writer) a fifth of its time.
    /// </summary>
    private string UpstreamId()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return string.Concat("req_", Convert.ToHexStringLower(bytes));
    }

    public UsageRecord Next()
    {
        var (provider, endpoint, model) = Models[random.Next(Models.Length)];
        var tenant = random.Next(tenants.Length);
        var output = random.Next(20, 2_000);
        return new UsageRecord
        {
            RequestId = $"{run}-{++sequence:x12}",
            UpstreamRequestId = UpstreamId(),
            Timestamp = DateTimeOffset.UtcNow,
            TenantId = tenants[tenant],
            ApiKeyId = $"key{tenant}{random.Next(4)}",
            Source = UsageSource.Proxy,
            Provider = provider,
            Endpoint = endpoint,
            ModelRequested = model,
            ModelReported = model,
            Stream = random.Next(2) == 0,
            StatusCode = 200,
            LatencyMs = 200 + random.NextDouble() * 4_000,
            TimeToFirstByteMs = 50 + random.NextDouble() * 500,
            RequestBytes = random.Next(500, 40_000),
            ResponseBytes = random.Next(300, 20_000),
            UsageComplete = true,
            Tokens = new TokenCounts
            {
                InputTokens = random.Next(50, 8_000),
                CacheReadTokens = random.Next(4) == 0 ? random.Next(1_000, 30_000) : 0,
                OutputTokens = output,
                ReasoningTokens = random.Next(3) == 0 ? output / 2 : 0,
            },
            Dims = new Dictionary<string, string>
            {
                ["team"] = Teams[random.Next(Teams.Length)],
                ["app"] = Apps[random.Next(Apps.Length)],
                ["env"] = Environments[random.Next(Environments.Length)],
            },
        };
    }
}
