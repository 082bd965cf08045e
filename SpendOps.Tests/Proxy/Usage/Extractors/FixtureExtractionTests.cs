namespace SpendOps.Tests.Proxy.Usage.Extractors;

/// <summary>
/// Every provider fixture against usage written out by hand (providers.md Appendix A for the main ones; the others
/// worked out from the fixture), whole, in 1-byte chunks and in random-size chunks.
/// </summary>
public sealed class FixtureExtractionTests
{
    private const string Json = "application/json";
    private const string Sse = "text/event-stream; charset=utf-8";

    private static readonly UsageSnapshot OpenAiChat = new()
    {
        Model = "gpt-4.1-2025-04-14", Input = 516, CacheRead = 1024, Output = 12, ServiceTier = "default",
    };

    private static readonly UsageSnapshot OpenAiResponses = new()
    {
        Model = "o4-mini-2025-04-16", ResponseId = "resp_fx0001", Input = 180, CacheRead = 1920, Output = 150, Reasoning = 128,
        ServiceTier = "default",
    };

    private static readonly UsageSnapshot Gemini = new()
    {
        Model = "gemini-2.5-flash", Input = 104, CacheRead = 4096, Output = 210, Reasoning = 200,
    };

    public static TheoryData<string, string, string, string, UsageSnapshot> Cases => new()
    {
        { "openai-chat.json", "openai", "/v1/chat/completions", Json, OpenAiChat with { ResponseId = "chatcmpl-Fx01aaaaaaaaaaaaaaaaaaaaaaaa" } },
        { "openai-chat.sse", "openai", "/v1/chat/completions", Sse, OpenAiChat with { ResponseId = "chatcmpl-Fx02bbbbbbbbbbbbbbbbbbbbbbbb" } },
        { "openai-responses.json", "openai", "/v1/responses", Json, OpenAiResponses },
        { "openai-responses.sse", "openai", "/v1/responses", Sse, OpenAiResponses },
        { "openai-embeddings.json", "openai", "/v1/embeddings", Json, new UsageSnapshot { Model = "text-embedding-3-small", Input = 8 } },
        {
            "anthropic-messages.json", "anthropic", "/v1/messages", Json,
            new UsageSnapshot
            {
                Model = "claude-sonnet-4-5-20250929", ResponseId = "msg_01FxAAAAAAAAAAAAAAAAAAAA", Input = 12, CacheRead = 10240,
                CacheWrite5m = 2048, Output = 11, ServiceTier = "standard",
            }
        },
        {
            "anthropic-messages.sse", "anthropic", "/v1/messages?beta=true", Sse,
            new UsageSnapshot
            {
                Model = "claude-sonnet-4-5-20250929", ResponseId = "msg_01FxCCCCCCCCCCCCCCCCCCCC", Input = 12, CacheRead = 10240,
                CacheWrite1h = 2048, Output = 11, ServiceTier = "standard",
            }
        },
        {
            "anthropic-messages-websearch.json", "anthropic", "/v1/messages", Json,
            new UsageSnapshot
            {
                Model = "claude-sonnet-4-5-20250929", ResponseId = "msg_01FxBBBBBBBBBBBBBBBBBBBB", Input = 6210, Output = 48,
                WebSearches = 1, ServiceTier = "standard",
            }
        },
        { "gemini-generate.json", "google", "/v1beta/models/gemini-2.5-flash:generateContent", Json, Gemini with { ResponseId = "FxGenResp0001" } },
        { "gemini-stream.sse", "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Sse, Gemini with { ResponseId = "FxStrResp0001" } },
        { "gemini-stream-array.json", "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", Json, Gemini with { ResponseId = "FxStrResp0001" } },
        {
            "deepseek-chat.json", "deepseek", "/chat/completions", Json,
            new UsageSnapshot { Model = "deepseek-reasoner", ResponseId = "fx-ds-0001", Input = 20, CacheRead = 1280, Output = 200, Reasoning = 180 }
        },
        {
            "groq-chat.sse", "groq", "/v1/chat/completions", Sse,
            new UsageSnapshot { Model = "llama-3.3-70b-versatile", ResponseId = "chatcmpl-fx-groq-0001", Input = 40, Output = 3 }
        },
        {
            "openrouter-chat.sse", "openrouter", "/v1/chat/completions", Sse,
            new UsageSnapshot
            {
                Model = "anthropic/claude-sonnet-4.5", ResponseId = "gen-fx-0001", Input = 186, CacheRead = 1024, Output = 5,
                ProviderCostUsd = 0.000738m,
            }
        },
        {
            "perplexity-chat.json", "perplexity", "/chat/completions", Json,
            new UsageSnapshot
            {
                Model = "sonar", ResponseId = "fx-pplx-0001", Input = 9, Output = 402, SearchContextSize = "low",
                ProviderCostUsd = 0.005411m,
            }
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_WholeFixture_MatchesHandWrittenUsage(string fixture, string provider, string path, string contentType, UsageSnapshot expected)
    {
        var extractor = ExtractorRun.Create(provider, path, contentType);

        var actual = ExtractorRun.Run(extractor, ExtractorRun.Fixture(fixture));

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_FixtureInOneByteChunks_MatchesHandWrittenUsage(string fixture, string provider, string path, string contentType, UsageSnapshot expected)
    {
        var extractor = ExtractorRun.Create(provider, path, contentType);

        var actual = ExtractorRun.Run(extractor, ExtractorRun.Fixture(fixture), Chunking.OneByte);

        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_FixtureInRandomChunks_MatchesHandWrittenUsage(string fixture, string provider, string path, string contentType, UsageSnapshot expected)
    {
        var body = ExtractorRun.Fixture(fixture);

        for (var seed = 0; seed < 20; seed++)
        {
            var actual = ExtractorRun.Run(ExtractorRun.Create(provider, path, contentType), body, Chunking.Random, seed);

            Assert.Equal(expected, actual);
        }
    }
}
