using System.Text;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

/// <summary>Extractors run on every proxied response: a streamed event must not cost a heap allocation.</summary>
public sealed class ExtractorAllocationTests
{
    public static TheoryData<string, string, string> Streams => new()
    {
        {
            "openai", "/v1/chat/completions",
            "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1\",\"service_tier\":\"default\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"token \\\"x\\\"\"},\"finish_reason\":null}],\"usage\":null}\n\n"
        },
        {
            "xai", "/v1/chat/completions",
            "data: {\"id\":\"x\",\"model\":\"grok-4\",\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":3,\"total_tokens\":13,\"prompt_tokens_details\":{\"cached_tokens\":2}}}\n\n"
        },
        {
            "anthropic", "/v1/messages",
            "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hello there\"}}\n\n"
        },
        {
            "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse",
            "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hi\"}],\"role\":\"model\"},\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":42,\"totalTokenCount\":42,\"promptTokensDetails\":[{\"modality\":\"TEXT\",\"tokenCount\":42}]},\"modelVersion\":\"gemini-2.5-flash\",\"responseId\":\"r\"}\r\n\r\n"
        },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Append_ManyStreamedEvents_AllocatesNothingPerEvent(string provider, string path, string streamEvent)
    {
        var extractor = ExtractorRun.Create(provider, path, "text/event-stream");
        var bytes = Encoding.UTF8.GetBytes(streamEvent);
        for (var i = 0; i < 10; i++)
            extractor.Append(bytes);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 5000; i++)
            extractor.Append(bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 1024, $"allocated {allocated} bytes for 5000 events");
        Assert.False(extractor.Complete().ParseFailed);
    }
}
