using CsCheck;
using SpendOps.Tests.Proxy.Usage.Extractors;

namespace SpendOps.Tests.Fuzzing;

/// <summary>
/// The usage extractors under random chunking and random corruption of the provider fixtures: chunk boundaries never
/// change the usage read, and no input makes an extractor throw (the proxy relays the body whatever it holds).
/// </summary>
public sealed class UsageExtractorFuzzTests
{
    private const string Sse = "text/event-stream";
    private const string Json = "application/json";

    private static readonly (string Fixture, string Provider, string Path, string ContentType)[] Cases =
    [
        ("openai-chat.json", "openai", "/v1/chat/completions", Json),
        ("openai-chat.sse", "openai", "/v1/chat/completions", Sse),
        ("openai-responses.json", "openai", "/v1/responses", Json),
        ("openai-responses.sse", "openai", "/v1/responses", Sse),
        ("openai-embeddings.json", "openai", "/v1/embeddings", Json),
        ("anthropic-messages.json", "anthropic", "/v1/messages", Json),
        ("anthropic-messages.sse", "anthropic", "/v1/messages", Sse),
        ("anthropic-messages-websearch.json", "anthropic", "/v1/messages", Json),
        ("gemini-generate.json", "google", "/v1beta/models/gemini-2.5-flash:generateContent", Json),
        ("gemini-stream.sse", "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse", Sse),
        ("gemini-stream-array.json", "google", "/v1beta/models/gemini-2.5-flash:streamGenerateContent", Json),
        ("deepseek-chat.json", "deepseek", "/chat/completions", Json),
        ("groq-chat.sse", "groq", "/v1/chat/completions", Sse),
        ("openrouter-chat.sse", "openrouter", "/v1/chat/completions", Sse),
        ("perplexity-chat.json", "perplexity", "/chat/completions", Json),
    ];

    private static readonly byte[][] Bodies = Cases.Select(c => ExtractorRun.Fixture(c.Fixture)).ToArray();

    [Fact]
    public void Extract_FixtureInRandomChunks_SameUsageAsWhole()
    {
        Gen.Select(Gen.Int[0, Cases.Length - 1], FuzzRun.CutPoints).Sample((index, cuts) =>
        {
            var whole = Run(index, [Bodies[index]]);
            var chunked = Run(index, FuzzRun.Split(Bodies[index], cuts));
            Assert.True(whole.UsageFound, Cases[index].Fixture);
            Assert.Equal(whole, chunked);
        }, iter: FuzzRun.Iterations(), threads: 1);
    }

    [Fact]
    public void Extract_MutatedFixtureInRandomChunks_NeverThrowsAndChunkingDoesNotMatter()
    {
        Gen.Select(Gen.Int[0, Cases.Length - 1], FuzzRun.Mutations, FuzzRun.CutPoints).Sample((index, mutations, cuts) =>
        {
            var body = FuzzRun.Apply(Bodies[index], mutations);
            var whole = Run(index, [body]);
            var chunked = Run(index, FuzzRun.Split(body, cuts));
            Assert.Equal(whole, chunked);
        }, iter: FuzzRun.Iterations(), threads: 1);
    }

    private static UsageSnapshot Run(int index, IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        var (_, provider, path, contentType) = Cases[index];
        var extractor = ExtractorRun.Create(provider, path, contentType);
        foreach (var chunk in chunks)
            extractor.Append(chunk.Span);
        return UsageSnapshot.Of(extractor.Complete());
    }
}
