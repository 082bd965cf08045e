namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class GeminiUsageExtractorTests
{
    private const string Path = "/v1beta/models/gemini-2.5-flash-image:generateContent";

    [Fact]
    public void Complete_AudioInputToolUseAndImageOutput_ArePricedApart()
    {
        // prompt 1000 = 700 text + 300 audio, of which 200 cached (100 audio + 100 text). Uncached audio 300 - 100 = 200;
        // input 1000 - 200 cached - 200 audio + 50 tool use = 650; output 1300 - 1290 image = 10.
        const string body = "{\"candidates\":[{\"content\":{\"parts\":[{\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"iVBORw0KGgo=\"}}]},\"finishReason\":\"STOP\"}]," +
            "\"usageMetadata\":{\"promptTokenCount\":1000,\"candidatesTokenCount\":1300,\"totalTokenCount\":2350,\"cachedContentTokenCount\":200," +
            "\"toolUsePromptTokenCount\":50,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":700},{\"tokenCount\":300,\"modality\":\"AUDIO\"}]," +
            "\"cacheTokensDetails\":[{\"modality\":\"AUDIO\",\"tokenCount\":100},{\"modality\":\"TEXT\",\"tokenCount\":100}]," +
            "\"candidatesTokensDetails\":[{\"modality\":\"IMAGE\",\"tokenCount\":1290},{\"modality\":\"TEXT\",\"tokenCount\":10}]},\"modelVersion\":\"gemini-2.5-flash-image\",\"responseId\":\"r1\"}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("google", Path, "application/json"), body, Chunking.OneByte);

        Assert.Equal(
            new UsageSnapshot { Model = "gemini-2.5-flash-image", ResponseId = "r1", Input = 650, CacheRead = 200, AudioIn = 200, Output = 10, ImageOut = 1290 },
            usage);
    }

    [Fact]
    public void Complete_GroundedResponse_CountsWebSearchQueries()
    {
        const string body = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Sunny.\"}]},\"finishReason\":\"STOP\",\"groundingMetadata\":" +
            "{\"webSearchQueries\":[\"weather paris\",\"paris forecast\"],\"groundingChunks\":[{\"web\":{\"uri\":\"https://example.com\"}}]}}]," +
            "\"usageMetadata\":{\"promptTokenCount\":10,\"candidatesTokenCount\":3,\"totalTokenCount\":13},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r2\"}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("google", "/v1beta/models/gemini-2.5-flash:generateContent", "application/json"), body);

        Assert.Equal(new UsageSnapshot { Model = "gemini-2.5-flash", ResponseId = "r2", Input = 10, Output = 3, WebSearches = 2 }, usage);
    }

    [Fact]
    public void Complete_EmbeddingWithoutUsageMetadata_IsCompletedWithoutUsage()
    {
        const string body = "{\"embedding\":{\"values\":[0.1,-0.2,0.3]}}";

        var usage = ExtractorRun.Run(ExtractorRun.Create("google", "/v1beta/models/gemini-embedding-001:embedContent", "application/json"), body);

        Assert.Equal(new UsageSnapshot { UsageFound = false }, usage);
    }

    [Fact]
    public void Complete_SseStreamWithoutFinishReason_IsNotCompleted()
    {
        const string body = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}]}}],\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12},\"modelVersion\":\"gemini-2.5-pro\"}\r\n\r\n";

        var usage = ExtractorRun.Run(ExtractorRun.Create("google", "/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse", "text/event-stream"), body);

        Assert.Equal(new UsageSnapshot { Completed = false, Model = "gemini-2.5-pro", Input = 12 }, usage);
    }
}
