namespace SpendOps.Core.Pricing;

/// <summary>
/// The price of one model from <see cref="EffectiveFrom"/> until the next row with the same identity
/// (tenant, provider, model key, service tier) takes over. Rows are never edited once records point at
/// them: a new price is a new row. Token rates are USD per million tokens; fees are USD per request or search.
/// </summary>
/// <remarks>
/// A null rate means "not listed", and <see cref="CostCalculator"/> applies the documented fallback
/// (cache read → input rate, cache write 1h → 2 × input, reasoning → output, audio/image → text rate,
/// above-threshold → base rate). A zero rate means free.
/// </remarks>
public sealed class ModelPrice
{
    public long Id { get; set; }

    /// <summary>Set for a tenant's own negotiated price; null for the price everyone pays.</summary>
    public Guid? TenantId { get; set; }

    /// <summary>The proxy provider name (<c>openai</c>, <c>google</c>, …); null applies to any provider.</summary>
    public string? Provider { get; set; }

    /// <summary>The model as the catalog names it (<c>gpt-4.1</c>, <c>gemini/gemini-2.5-flash</c>); matched case-insensitively.</summary>
    public required string ModelKey { get; set; }

    /// <summary>Null for the standard tier; <c>flex</c> or <c>priority</c> for the provider's other service tiers.</summary>
    public string? ServiceTier { get; set; }

    public DateTimeOffset EffectiveFrom { get; set; }

    public decimal InputPerMTok { get; set; }
    public decimal OutputPerMTok { get; set; }
    public decimal? CacheReadPerMTok { get; set; }
    public decimal? CacheWrite5mPerMTok { get; set; }
    public decimal? CacheWrite1hPerMTok { get; set; }

    /// <summary>Only where reasoning has its own price; otherwise reasoning is output.</summary>
    public decimal? ReasoningPerMTok { get; set; }

    public decimal? AudioInputPerMTok { get; set; }
    public decimal? AudioOutputPerMTok { get; set; }
    public decimal? ImageInputPerMTok { get; set; }
    public decimal? ImageOutputPerMTok { get; set; }

    /// <summary>Prompt size (e.g. 200,000 or 128,000 tokens) above which the whole request uses the above-threshold rates.</summary>
    public long? ThresholdTokens { get; set; }

    public decimal? InputAboveThresholdPerMTok { get; set; }
    public decimal? OutputAboveThresholdPerMTok { get; set; }
    public decimal? CacheReadAboveThresholdPerMTok { get; set; }
    public decimal? CacheWrite5mAboveThresholdPerMTok { get; set; }
    public decimal? CacheWrite1hAboveThresholdPerMTok { get; set; }

    /// <summary>Flat USD fee per request (catalog <c>input_cost_per_request</c> / <c>input_cost_per_query</c>).</summary>
    public decimal? RequestFee { get; set; }

    /// <summary>USD per search at each search context size (catalog <c>search_context_cost_per_query</c>); ×1000 for the usual "per 1k searches".</summary>
    public decimal? SearchFeeLow { get; set; }
    public decimal? SearchFeeMedium { get; set; }
    public decimal? SearchFeeHigh { get; set; }

    /// <summary>
    /// True where every request is a search and pays one search fee (Perplexity Sonar); false where the fee
    /// is per web-search tool call (Anthropic, OpenAI, xAI, Gemini).
    /// </summary>
    public bool SearchFeePerRequest { get; set; }

    public PriceSource Source { get; set; }

    /// <summary>Why the price is what it is: the price page it came from, a contract reference.</summary>
    public string? Note { get; set; }

    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A copy to be saved as a new row.</summary>
    internal ModelPrice CloneAsNew()
    {
        var copy = (ModelPrice)MemberwiseClone();
        copy.Id = 0;
        return copy;
    }
}
