using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Tests.Proxy.Usage.Extractors;

/// <summary>
/// A comparable snapshot of a <see cref="UsageObservation"/>: tests write the expected one out by hand and compare
/// records, so a failure prints every field of both.
/// </summary>
public sealed record UsageSnapshot
{
    public bool UsageFound { get; init; } = true;
    public bool Completed { get; init; } = true;
    public string? Model { get; init; }
    public string? ResponseId { get; init; }
    public long Input { get; init; }
    public long CacheRead { get; init; }
    public long CacheWrite5m { get; init; }
    public long CacheWrite1h { get; init; }
    public long Output { get; init; }
    public long Reasoning { get; init; }
    public long AudioIn { get; init; }
    public long AudioOut { get; init; }
    public long ImageIn { get; init; }
    public long ImageOut { get; init; }
    public int WebSearches { get; init; }
    public string? SearchContextSize { get; init; }
    public string? ServiceTier { get; init; }
    public decimal? ProviderCostUsd { get; init; }

    internal static UsageSnapshot Of(UsageObservation o) => new()
    {
        UsageFound = o.UsageFound,
        Completed = o.Completed,
        Model = o.ModelReported,
        ResponseId = o.ResponseId,
        Input = o.Tokens.InputTokens,
        CacheRead = o.Tokens.CacheReadTokens,
        CacheWrite5m = o.Tokens.CacheWrite5mTokens,
        CacheWrite1h = o.Tokens.CacheWrite1hTokens,
        Output = o.Tokens.OutputTokens,
        Reasoning = o.Tokens.ReasoningTokens,
        AudioIn = o.Tokens.AudioInputTokens,
        AudioOut = o.Tokens.AudioOutputTokens,
        ImageIn = o.Tokens.ImageInputTokens,
        ImageOut = o.Tokens.ImageOutputTokens,
        WebSearches = o.Tokens.WebSearchRequests,
        SearchContextSize = o.SearchContextSize,
        ServiceTier = o.ServiceTier,
        ProviderCostUsd = o.ProviderCostUsd,
    };
}
