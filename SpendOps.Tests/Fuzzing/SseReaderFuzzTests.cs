using System.Text;
using CsCheck;
using SpendOps.Proxy.Usage.Extractors;
using SpendOps.Tests.Proxy.Usage.Extractors;

namespace SpendOps.Tests.Fuzzing;

/// <summary>The SSE reader under random streams and random chunking: the events never depend on where chunks end.</summary>
public sealed class SseReaderFuzzTests
{
    private static readonly string[] Fixtures = ["openai-chat.sse", "openai-responses.sse", "anthropic-messages.sse", "gemini-stream.sse", "groq-chat.sse", "openrouter-chat.sse"];

    /// <summary>Streams made of the characters that matter to SSE framing, and a few others.</summary>
    private static readonly Gen<byte[]> SseLike = Gen.OneOf("data:", "data: ", "event: x", ": comment", "\r", "\n", "\r\n", "[DONE]", "{\"a\":1}", "id: 7", "retry: 5", "data", "é", "\0")
        .Array[0, 60].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

    [Fact]
    public void Append_AnyStreamAnyChunking_SameEventsAsWhole()
    {
        Gen.Select(SseLike, FuzzRun.CutPoints, Gen.Int[8, 64]).Sample((stream, cuts, maxEventBytes) =>
        {
            var whole = Events([stream], maxEventBytes);
            var chunked = Events(FuzzRun.Split(stream, cuts), maxEventBytes);
            Assert.Equal(whole, chunked);
        }, iter: FuzzRun.Iterations(), threads: 1);
    }

    [Fact]
    public void Append_FixtureStreamsRandomChunking_SameEventsAsWhole()
    {
        var fixtures = Fixtures.Select(ExtractorRun.Fixture).ToArray();
        Gen.Select(Gen.Int[0, fixtures.Length - 1], FuzzRun.CutPoints).Sample((index, cuts) =>
        {
            var body = fixtures[index];
            Assert.Equal(Events([body], SseReader.DefaultMaxEventBytes), Events(FuzzRun.Split(body, cuts), SseReader.DefaultMaxEventBytes));
        }, iter: FuzzRun.Iterations(), threads: 1);
    }

    private static List<string> Events(IEnumerable<ReadOnlyMemory<byte>> chunks, int maxEventBytes)
    {
        var events = new List<string>();
        var reader = new SseReader(data => events.Add(Convert.ToHexString(data)), maxEventBytes);
        foreach (var chunk in chunks)
            reader.Append(chunk.Span);
        reader.Complete();
        events.Add($"done={reader.Done} dropped={reader.DroppedEvents}");
        return events;
    }
}
