namespace SpendOps.Core.Usage;

/// <summary>
/// The tokens one call used, by kind: what an extractor fills as it reads a response and what a usage record stores.
/// Counters never overlap: <see cref="InputTokens"/> is uncached input only (cache reads and writes excluded),
/// <see cref="OutputTokens"/> includes <see cref="ReasoningTokens"/> (a breakdown, never added again). Audio and image
/// tokens are priced apart, so they are in neither <see cref="InputTokens"/> nor <see cref="OutputTokens"/>.
/// </summary>
public sealed class TokenCounts
{
    public long InputTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public long CacheWrite5mTokens { get; set; }
    public long CacheWrite1hTokens { get; set; }
    public long OutputTokens { get; set; }
    public long ReasoningTokens { get; set; }
    public long AudioInputTokens { get; set; }
    public long AudioOutputTokens { get; set; }
    public long ImageInputTokens { get; set; }
    public long ImageOutputTokens { get; set; }
    public int WebSearchRequests { get; set; }

    public long CacheWriteTokens => CacheWrite5mTokens + CacheWrite1hTokens;

    /// <summary>All prompt tokens whatever their price: uncached input plus cache reads and writes.</summary>
    public long PromptTokens => InputTokens + CacheReadTokens + CacheWriteTokens;

    /// <summary>
    /// True when something was used, even if the response did not say it all. <see cref="ReasoningTokens"/> is not
    /// looked at: it is a breakdown of <see cref="OutputTokens"/>.
    /// </summary>
    public bool HasAny =>
        PromptTokens + OutputTokens + AudioInputTokens + AudioOutputTokens + ImageInputTokens + ImageOutputTokens + WebSearchRequests > 0;

    /// <summary>
    /// An independent copy: a record must not share its counters with the extractor's observation, and a memberwise copy
    /// cannot forget a counter added later.
    /// </summary>
    public TokenCounts Copy() => (TokenCounts)MemberwiseClone();
}
