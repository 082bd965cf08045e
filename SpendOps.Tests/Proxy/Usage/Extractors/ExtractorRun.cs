using System.Text;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

public enum Chunking
{
    Whole,
    OneByte,
    Random,
}

/// <summary>Feeds bodies to extractors the way the proxy does: chunk by chunk, then <c>Complete</c>.</summary>
internal static class ExtractorRun
{
    public const int Seed = 20261122;

    public static readonly Chunking[] AllChunkings = [Chunking.Whole, Chunking.OneByte, Chunking.Random];

    /// <summary>The repository copy of a provider fixture (copied to the test output), never the shared reference.</summary>
    public static byte[] Fixture(string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "providers", name));

    /// <summary>Classifies the call and creates its extractor like the proxy would.</summary>
    public static IUsageExtractor Create(string provider, string path, string? contentType, string method = "POST")
    {
        var info = ProviderCatalog.Find(provider) ?? throw new ArgumentException($"Unknown provider {provider}", nameof(provider));
        var endpoint = EndpointClassifier.Classify(info, method, path);
        return UsageExtractorFactory.Create(endpoint, info, contentType)
            ?? throw new InvalidOperationException($"No extractor for {provider} {path} ({contentType})");
    }

    public static UsageSnapshot Run(IUsageExtractor extractor, byte[] body, Chunking chunking = Chunking.Whole, int seed = Seed)
    {
        foreach (var chunk in Split(body, chunking, seed))
            extractor.Append(chunk.Span);
        return UsageSnapshot.Of(extractor.Complete());
    }

    public static UsageSnapshot Run(IUsageExtractor extractor, string body, Chunking chunking = Chunking.Whole) =>
        Run(extractor, Encoding.UTF8.GetBytes(body), chunking);

    public static IEnumerable<ReadOnlyMemory<byte>> Split(byte[] body, Chunking chunking, int seed = Seed)
    {
        var random = new Random(seed);
        var position = 0;
        while (position < body.Length)
        {
            var size = chunking switch
            {
                Chunking.OneByte => 1,
                Chunking.Random => random.Next(1, 97),
                _ => body.Length,
            };
            size = Math.Min(size, body.Length - position);
            yield return body.AsMemory(position, size);
            position += size;
        }
    }
}
