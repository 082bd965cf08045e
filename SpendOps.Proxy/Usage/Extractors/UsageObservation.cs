using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// What an extractor learned from one response, in normalised form. The counters in <see cref="Tokens"/> never
/// overlap (see <see cref="TokenCounts"/> and <c>README.md</c> in this folder).
/// </summary>
public sealed class UsageObservation
{
    /// <summary>True once a usage object was found; false means the cost is unknown, not zero.</summary>
    public bool UsageFound { get; set; }

    /// <summary>True when the response reached its normal end (a final SSE event, a complete JSON body).</summary>
    public bool Completed { get; set; }

    public string? ModelReported { get; set; }

    /// <summary>The provider's response id from the body (<c>chatcmpl-…</c>, <c>msg_…</c>, <c>responseId</c>).</summary>
    public string? ResponseId { get; set; }

    /// <summary>Filled as usage is read; copied onto the usage record when <see cref="UsageFound"/> is true.</summary>
    public TokenCounts Tokens { get; init; } = new();

    public string? SearchContextSize { get; set; }
    public string? ServiceTier { get; set; }
    public decimal? ProviderCostUsd { get; set; }

    /// <summary>
    /// SSE events or captured values skipped because they exceeded the extractor's size caps (1 MiB per event,
    /// 256 KiB per captured JSON value). Usage inside them is lost, so a non-zero value deserves a metric.
    /// </summary>
    public int SkippedOversized { get; set; }

    /// <summary>
    /// True when the body was not the JSON or SSE it claimed to be, a usage value was malformed, or the extractor hit
    /// an internal error; what was read before is kept unless the error was internal. For metrics, not billing.
    /// </summary>
    public bool ParseFailed { get; set; }
}
