using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage;

/// <summary>
/// One call: who made it, what it was, the tokens it used by kind (<see cref="Tokens"/>) and what it cost.
/// </summary>
public sealed class UsageRecord : ITenantOwned
{
    public long Id { get; set; }

    /// <summary>Our id for the call (the <c>X-ASO-Request-Id</c> header) or, for telemetry, a stable id derived from the event.</summary>
    public required string RequestId { get; set; }

    /// <summary>The provider's own request id (<c>request-id</c>, <c>x-request-id</c>), to join other sources.</summary>
    public string? UpstreamRequestId { get; set; }

    /// <summary>
    /// Whether <see cref="UpstreamRequestId"/> is in the index the supersession rules look it up by, to pair a proxied
    /// call with Claude Code's telemetry of it. The usage writer clears it for the calls of tenants without a telemetry
    /// connection: no telemetry can describe their calls (it arrives only through a connection, which exists before
    /// Claude Code can send with its key), and a random id per call in that index cost the writer more than any other.
    /// </summary>
    public bool UpstreamIdIndexed { get; set; } = true;

    public DateTimeOffset Timestamp { get; set; }
    public Guid TenantId { get; set; }
    public string? ApiKeyId { get; set; }
    public Guid? ConnectionId { get; set; }
    public UsageSource Source { get; set; }
    public bool Estimated { get; set; }

    /// <summary>
    /// True when another record describes the same spend (a telemetry estimate of a call the proxy measured);
    /// ledgers and totals skip superseded records so the spend counts once.
    /// </summary>
    public bool Superseded { get; set; }

    public required string Provider { get; set; }
    public required string Endpoint { get; set; }
    public string? ModelRequested { get; set; }
    public string? ModelReported { get; set; }
    public bool Stream { get; set; }
    public int StatusCode { get; set; }
    public double LatencyMs { get; set; }
    public double? TimeToFirstByteMs { get; set; }
    public long RequestBytes { get; set; }
    public long ResponseBytes { get; set; }

    /// <summary>False for calls that cost nothing by nature (count_tokens, model lists).</summary>
    public bool Billable { get; set; } = true;

    /// <summary>False when the response was cut or carried no usage: the cost is unknown, not zero.</summary>
    public bool UsageComplete { get; set; }

    /// <summary>Stored as columns of this table, one per counter (an EF complex property).</summary>
    public TokenCounts Tokens { get; set; } = new();

    public string? SearchContextSize { get; set; }
    public string? ServiceTier { get; set; }

    /// <summary>What the provider says the call cost (OpenRouter, xAI, Perplexity, DeepInfra; Claude Code's estimate).</summary>
    public decimal? ProviderCostUsd { get; set; }

    /// <summary>
    /// The cost of record, the one number every view and export counts: our arithmetic with the price in force at
    /// <see cref="Timestamp"/> when there is one, else the cost the source reported (<see cref="CostSource"/> says
    /// which); null while neither is known (pending, unpriced, usage unknown), never 0 for spend with tokens.
    /// </summary>
    public decimal? CostUsd { get; set; }

    /// <summary>Where <see cref="CostUsd"/> came from; null when there is no cost (and for calls that cost nothing by nature).</summary>
    public CostSource? CostSource { get; set; }

    public PricingStatus PricingStatus { get; set; }
    public long? PriceId { get; set; }
    public DateTimeOffset? PricedAt { get; set; }

    public Dictionary<string, string> Dims { get; set; } = [];
    public List<UsageDimension> DimensionRows { get; set; } = [];

    /// <summary>The model used to look up a price: the reported snapshot when there is one.</summary>
    public string? PricingModel => ModelReported ?? ModelRequested;
}
