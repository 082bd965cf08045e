using SpendOps.Core.Providers;
using SpendOps.Proxy.Usage.Extractors;
using SpendOps.Proxy.Usage.Extractors.Anthropic;
using SpendOps.Proxy.Usage.Extractors.Gemini;
using SpendOps.Proxy.Usage.Extractors.OpenAi;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class UsageExtractorFactoryTests
{
    [Theory]
    [InlineData("openai", "/v1/chat/completions", "application/json", typeof(OpenAiUsageExtractor))]
    [InlineData("openai", "/v1/chat/completions", "text/event-stream; charset=utf-8", typeof(OpenAiUsageExtractor))]
    [InlineData("openai", "/v1/responses", "text/event-stream", typeof(ResponsesUsageExtractor))]
    [InlineData("anthropic", "/v1/messages", "application/json", typeof(AnthropicUsageExtractor))]
    [InlineData("google", "/v1beta/models/g:streamGenerateContent", "application/json; charset=UTF-8", typeof(GeminiUsageExtractor))]
    [InlineData("google", "/v1beta/models/g:generateContent", null, typeof(GeminiUsageExtractor))]
    [InlineData("openrouter", "/v1/chat/completions", "application/problem+json", typeof(OpenAiUsageExtractor))]
    public void Create_EndpointWithUsage_ReturnsItsExtractor(string provider, string path, string? contentType, Type expected)
    {
        var info = ProviderCatalog.Find(provider)!;

        var extractor = UsageExtractorFactory.Create(EndpointClassifier.Classify(info, "POST", path), info, contentType);

        Assert.IsType(expected, extractor);
    }

    [Theory]
    [InlineData("openai", "/v1/audio/speech", "audio/mpeg")]
    [InlineData("openai", "/v1/audio/transcriptions", "text/plain")]
    [InlineData("openai", "/v1/models", "application/json")]
    [InlineData("anthropic", "/v1/messages/count_tokens", "application/json")]
    [InlineData("google", "/v1beta/models/g:countTokens", "application/json")]
    [InlineData("openai", "/v1/chat/completions", "text/html")]
    public void Create_ResponseWithoutUsage_ReturnsNull(string provider, string path, string contentType)
    {
        var info = ProviderCatalog.Find(provider)!;

        var extractor = UsageExtractorFactory.Create(EndpointClassifier.Classify(info, "POST", path), info, contentType);

        Assert.Null(extractor);
    }

    [Fact]
    public void Create_GeminiStreamWithoutAltSse_ReadsTheJsonArray()
    {
        var extractor = ExtractorRun.Create("google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", "application/json");

        var usage = ExtractorRun.Run(extractor, ExtractorRun.Fixture("gemini-stream-array.json"));

        Assert.Equal(new UsageSnapshot { Model = "gemini-2.5-flash", ResponseId = "FxStrResp0001", Input = 104, CacheRead = 4096, Output = 210, Reasoning = 200 }, usage);
    }
}
