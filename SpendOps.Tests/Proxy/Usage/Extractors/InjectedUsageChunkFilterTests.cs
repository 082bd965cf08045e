using System.Buffers;
using System.Text;
using SpendOps.Proxy.Usage.Extractors.OpenAi;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class InjectedUsageChunkFilterTests
{
    private const string First = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null}],\"usage\":null}";
    private const string Finish = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":null}";
    private const string UsageChunk = "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";
    private const string Done = "data: [DONE]";

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    [InlineData("\r")]
    public void Write_StreamWithInjectedUsageChunk_RemovesOnlyThatEvent(string eol)
    {
        var stream = string.Concat(First, eol, eol, Finish, eol, eol, UsageChunk, eol, eol, Done, eol, eol);
        var expected = string.Concat(First, eol, eol, Finish, eol, eol, Done, eol, eol);

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (output, filter) = Filter(stream, chunking);

            Assert.Equal(expected, output);
            Assert.Equal(1, filter.RemovedEvents);
        }
    }

    [Fact]
    public void Write_FixtureWithUsageChunk_RemovesItInRandomChunks()
    {
        var fixture = Encoding.UTF8.GetString(ExtractorRun.Fixture("openai-chat.sse"));
        var usageEvent = fixture.IndexOf("data: {\"id\":\"chatcmpl-Fx02bbbbbbbbbbbbbbbbbbbbbbbb\",\"object\":\"chat.completion.chunk\",\"created\":1782907200,\"model\":\"gpt-4.1-2025-04-14\",\"service_tier\":\"default\",\"system_fingerprint\":\"fp_fx0001\",\"choices\":[],", StringComparison.Ordinal);
        var done = fixture.IndexOf("data: [DONE]", StringComparison.Ordinal);
        var expected = fixture[..usageEvent] + fixture[done..];

        for (var seed = 0; seed < 10; seed++)
        {
            var (output, _) = Filter(fixture, Chunking.Random, seed);

            Assert.Equal(expected, output);
        }
    }

    [Theory]
    [InlineData("data: {\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1}}\n\n")]
    [InlineData("data: {\"choices\":[],\"usage\":null}\n\n")]
    [InlineData("data: {\"choices\":[]}\n\n")]
    [InlineData(": keep-alive \"usage\" \"choices\"\n\n")]
    [InlineData("data: {\"nested\":{\"choices\":[],\"usage\":{}},\"usage\":{\"a\":1}}\n\n")]
    [InlineData("data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5}\n\n")]
    public void Write_EventThatIsNotTheInjectedChunk_PassesThroughUnchanged(string stream)
    {
        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (output, filter) = Filter(stream, chunking);

            Assert.Equal(stream, output);
            Assert.Equal(0, filter.RemovedEvents);
        }
    }

    [Fact]
    public void Write_CompleteEvent_IsReleasedBeforeTheNextEventArrives()
    {
        var filter = new InjectedUsageChunkFilter();
        var output = new ArrayBufferWriter<byte>();

        filter.Write(Encoding.UTF8.GetBytes(First + "\n\ndata: {\"id\""), output);

        Assert.Equal(First + "\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Flush_UnfinishedLastEvent_IsReleasedUnchanged()
    {
        var filter = new InjectedUsageChunkFilter();
        var output = new ArrayBufferWriter<byte>();
        const string partial = "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":5}}\n";

        filter.Write(Encoding.UTF8.GetBytes(partial), output);
        filter.Flush(output);

        Assert.Equal(partial, Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Write_EventLongerThanTheHoldCap_StreamsThroughWithoutWaitingForItsEnd()
    {
        var filter = new InjectedUsageChunkFilter();
        var output = new ArrayBufferWriter<byte>();
        var longEvent = "data: {\"choices\":[{\"delta\":{\"content\":\"" + new string('x', InjectedUsageChunkFilter.MaxHeldBytes) + "\"}}]}";

        filter.Write(Encoding.UTF8.GetBytes(longEvent), output);
        var releasedBeforeEnd = output.WrittenCount;
        filter.Write("\n\n"u8, output);
        filter.Flush(output);

        Assert.Equal(longEvent.Length, releasedBeforeEnd);
        Assert.Equal(longEvent + "\n\n", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    private static (string Output, InjectedUsageChunkFilter Filter) Filter(string stream, Chunking chunking, int seed = ExtractorRun.Seed)
    {
        var filter = new InjectedUsageChunkFilter();
        var output = new ArrayBufferWriter<byte>();
        foreach (var chunk in ExtractorRun.Split(Encoding.UTF8.GetBytes(stream), chunking, seed))
            filter.Write(chunk.Span, output);
        filter.Flush(output);
        return (Encoding.UTF8.GetString(output.WrittenSpan), filter);
    }
}
