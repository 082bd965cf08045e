using System.Text;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class JsonFieldCollectorTests
{
    private static readonly JsonFieldSet Fields = new("usage", "model", "choices[].finish_reason", "meta.inner.value");

    [Fact]
    public void Append_TopLevelKeys_CapturesTheirRawValuesOnly()
    {
        const string body = """
            {"id":"x","usage":{"prompt_tokens":3,"nested":{"usage":1}},"choices":[{"message":{"usage":"not me"},"finish_reason":"stop"},
            {"finish_reason":null}],"model":"m\"1","meta":{"inner":{"value":[1,2]}},"other":{"usage":9,"model":"no"}}
            """;

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (sink, collector) = Collect(body, chunking);

            Assert.True(collector.RootCompleted);
            Assert.Equal(
                ["0={\"prompt_tokens\":3,\"nested\":{\"usage\":1}}", "2=\"stop\"", "2=null", "1=\"m\\\"1\"", "3=[1,2]", "end"],
                sink.Events);
        }
    }

    [Fact]
    public void Append_StringsWithBracesQuotesAndEscapes_DoNotConfuseTheScanner()
    {
        const string body = """{"text":"} ] { [ \" \\\" \\","model":"ok","choices":"[{\"finish_reason\":1}]","usage":5}""";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (sink, _) = Collect(body, chunking);

            Assert.Equal(["1=\"ok\"", "0=5", "end"], sink.Events);
        }
    }

    [Fact]
    public void Append_RootArrayOfObjects_CapturesEachElementAndEndsEachDocument()
    {
        const string body = "[{\"model\":\"a\",\"usage\":1}\r\n,\r\n{\"usage\":2,\"model\":\"b\"}]";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (sink, collector) = Collect(body, chunking);

            Assert.True(collector.RootCompleted);
            Assert.Equal(["1=\"a\"", "0=1", "end", "0=2", "1=\"b\"", "end"], sink.Events);
        }
    }

    [Fact]
    public void Append_ScalarsAtEndOfObjectAndBeforeWhitespace_AreDelimitedCorrectly()
    {
        const string body = "{ \"usage\" : -12.5e3 , \"model\" : true }";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (sink, _) = Collect(body, chunking);

            Assert.Equal(["0=-12.5e3", "1=true", "end"], sink.Events);
        }
    }

    [Fact]
    public void Append_ValueOverCaptureCap_IsSkippedAndCounted()
    {
        var body = "{\"usage\":\"" + new string('x', 300) + "\",\"model\":\"m\"}";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (sink, collector) = Collect(body, chunking, captureCap: 100);

            Assert.Equal(["1=\"m\"", "end"], sink.Events);
            Assert.Equal(1, collector.DroppedCaptures);
        }
    }

    [Fact]
    public void Append_EscapedOrOverlongKeys_AreNotMatched()
    {
        var body = "{\"\\u0075sage\":1,\"" + new string('k', 100) + "\":2,\"model\":\"m\"}";

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var (sink, _) = Collect(body, chunking);

            Assert.Equal(["1=\"m\"", "end"], sink.Events);
        }
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("<html><body>502 Bad Gateway</body></html>")]
    [InlineData("}}}}")]
    public void Append_Garbage_FailsWithoutCapturing(string body)
    {
        var (sink, collector) = Collect(body, Chunking.Whole);

        Assert.True(collector.Failed);
        Assert.Empty(sink.Events);
    }

    [Fact]
    public void Append_MultiMegabyteStringsAroundUsage_KeepsMemoryFarBelowTheBodySize()
    {
        var sink = new RecordingSink();
        var collector = new JsonFieldCollector(Fields, sink);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'A');
        collector.Append("{\"data\":[{\"b64_json\":\""u8);
        collector.Append(chunk);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 64; i++)
            collector.Append(chunk);
        collector.Append("\"}],\"usage\":{\"input_tokens\":7},\"tail\":\""u8);
        for (var i = 0; i < 64; i++)
            collector.Append(chunk);
        collector.Append("\"}"u8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(collector.RootCompleted);
        Assert.Equal(["0={\"input_tokens\":7}", "end"], sink.Events);
        Assert.True(allocated < 64 * 1024, $"allocated {allocated} bytes for an 8 MiB body");
    }

    private static (RecordingSink Sink, JsonFieldCollector Collector) Collect(string body, Chunking chunking, int captureCap = JsonFieldCollector.DefaultCaptureCap)
    {
        var sink = new RecordingSink();
        var collector = new JsonFieldCollector(Fields, sink, captureCap);
        foreach (var chunk in ExtractorRun.Split(Encoding.UTF8.GetBytes(body), chunking))
            collector.Append(chunk.Span);
        return (sink, collector);
    }

    private sealed class RecordingSink : IJsonFieldSink
    {
        public List<string> Events { get; } = [];

        public void OnValue(int field, ReadOnlySpan<byte> json) => Events.Add($"{field}={Encoding.UTF8.GetString(json)}");

        public void OnDocumentEnd() => Events.Add("end");
    }
}
