using System.Text;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

public sealed class SseReaderTests
{
    public static TheoryData<string, string[]> Streams => new()
    {
        { "data: a\n\ndata: b\n\n", ["a", "b"] },
        { "data: a\r\n\r\ndata: b\r\n\r\n", ["a", "b"] },
        { "data: a\r\rdata: b\r\r", ["a", "b"] },
        { "data:a\n\n", ["a"] },
        { "data:  two spaces\n\n", [" two spaces"] },
        { "data: line1\ndata: line2\ndata:line3\n\n", ["line1\nline2\nline3"] },
        { ": OPENROUTER PROCESSING\n\ndata: x\n\n", ["x"] },
        { "event: message_start\nid: 7\nretry: 10\ndata: {\"type\":\"message_start\"}\n\n", ["{\"type\":\"message_start\"}"] },
        { "data\n\n", [""] },
        { "\n\n\ndata: a\n\n\n\n", ["a"] },
        { "datum: no\ndata: yes\n\n", ["yes"] },
        { "data: a\r\n\r\ndata: b\n\ndata: c\r\r", ["a", "b", "c"] },
        { "data: last without blank line\n", ["last without blank line"] },
        { "data: cut in the middle", [] },
    };

    [Theory]
    [MemberData(nameof(Streams))]
    public void Append_AnyChunking_DispatchesTheSameEvents(string stream, string[] expected)
    {
        var bytes = Encoding.UTF8.GetBytes(stream);

        foreach (var chunking in ExtractorRun.AllChunkings)
        {
            var events = new List<string>();
            var reader = new SseReader(data => events.Add(Encoding.UTF8.GetString(data)));
            foreach (var chunk in ExtractorRun.Split(bytes, chunking))
                reader.Append(chunk.Span);
            reader.Complete();

            Assert.Equal(expected, events);
        }
    }

    [Fact]
    public void Append_CrAtEndOfChunkThenLf_TreatsCrLfAsOneLineEnding()
    {
        var events = new List<string>();
        var reader = new SseReader(data => events.Add(Encoding.UTF8.GetString(data)));

        reader.Append("data: a\r"u8);
        reader.Append("\n\r"u8);
        reader.Append("\ndata: b\r\n"u8);
        reader.Append("\r\n"u8);
        reader.Complete();

        Assert.Equal(["a", "b"], events);
    }

    [Fact]
    public void Append_DoneEvent_SetsDoneAndIgnoresTheRest()
    {
        var events = new List<string>();
        var reader = new SseReader(data => events.Add(Encoding.UTF8.GetString(data)));

        reader.Append("data: a\n\ndata: [DONE]\n\ndata: b\n\n"u8);
        reader.Complete();

        Assert.True(reader.Done);
        Assert.Equal(["a"], events);
    }

    [Fact]
    public void Append_EventOverCap_DropsAndCountsItAndKeepsLaterEvents()
    {
        var events = new List<string>();
        var reader = new SseReader(data => events.Add(Encoding.UTF8.GetString(data)), maxEventBytes: 1024);
        var big = "data: " + new string('x', 5000) + "\n\n";

        reader.Append(Encoding.UTF8.GetBytes("data: small\n\n" + big + "data: after\n\n"));
        reader.Complete();

        Assert.Equal(["small", "after"], events);
        Assert.Equal(1, reader.DroppedEvents);
    }

    [Fact]
    public void Append_MultiMegabyteEvent_StaysWithinTheCapInMemory()
    {
        var dispatched = 0;
        var reader = new SseReader(_ => dispatched++);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)'x');
        reader.Append("data: {\"huge\":\""u8);
        reader.Append(chunk);
        var before = GC.GetAllocatedBytesForCurrentThread();

        for (var i = 0; i < 128; i++)
            reader.Append(chunk);
        reader.Append("\"}\n\ndata: {}\n\n"u8);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        reader.Complete();

        Assert.Equal(1, reader.DroppedEvents);
        Assert.Equal(1, dispatched);
        Assert.True(allocated < 2 * SseReader.DefaultMaxEventBytes, $"allocated {allocated} bytes for an 8 MiB event");
    }
}
