using System.Text.Json;

namespace SpendOps.Core.Pricing;

/// <summary>
/// Reads LiteLLM's catalog (USD per token) into price rows (USD per million tokens) for the providers we
/// serve. Numbers are parsed as <see cref="decimal"/> straight from the JSON text, never through double,
/// so <c>3e-06</c> becomes exactly 3 and <c>1.25e-07</c> exactly 0.125. Unknown fields are ignored.
/// </summary>
internal static class LiteLlmCatalogReader
{
    private const decimal PerMillion = 1_000_000m;

    // A zero token price means "free" only for these modes. For image, audio, video or rerank entries a zero
    // means the catalog bills another unit (per image, per second) that we cannot apply, so such entries are
    // skipped and their calls stay visibly unpriced instead of costing $0.
    private static readonly HashSet<string> ModesWhereZeroIsFree = ["chat", "completion", "responses", "embedding", "moderation"];

    private static readonly string[] OtherUnits = ["_per_image", "_per_second", "_per_character", "_per_pixel", "_per_page", "_per_video"];

    public static async Task<CatalogReadResult> ReadAsync(Stream json, CancellationToken cancellationToken)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(json, default, cancellationToken);
            return Read(document.RootElement);
        }
        catch (JsonException e)
        {
            throw new DomainException($"The price catalog is not valid JSON: {e.Message}");
        }
    }

    public static CatalogReadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new DomainException("A price catalog must be a JSON object keyed by model name.");

        var prices = new List<ModelPrice>();
        var skipped = 0;
        foreach (var entry in root.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Object || entry.Name == "sample_spec")
                continue;
            var provider = CatalogProviders.ToProvider(Text(entry.Value, "litellm_provider"));
            if (provider is null)
                continue;

            var standard = ReadStandard(entry.Name, provider, entry.Value);
            if (standard is null || !IsPriceable(standard, entry.Value))
            {
                skipped++;
                continue;
            }
            prices.Add(standard);
            foreach (var tier in ServiceTiers.Catalogued)
            {
                if (ReadServiceTier(standard, entry.Value, tier) is { } tiered)
                    prices.Add(tiered);
            }
        }
        return new CatalogReadResult(prices, skipped);
    }

    private static ModelPrice? ReadStandard(string key, string provider, JsonElement e)
    {
        string[] tokenFields = ["input_cost_per_token", "output_cost_per_token", "input_cost_per_audio_token", "output_cost_per_audio_token", "input_cost_per_image_token", "output_cost_per_image_token"];
        var search = e.TryGetProperty("search_context_cost_per_query", out var s) && s.ValueKind == JsonValueKind.Object ? s : default;
        var requestFee = Fee(e, "input_cost_per_request") ?? Fee(e, "input_cost_per_query");
        if (!tokenFields.Any(f => Fee(e, f) is not null) && requestFee is null && search.ValueKind == JsonValueKind.Undefined)
            return null;

        // One threshold per row: the catalog has either 200k tiers (Claude 1M context, Gemini Pro) or 128k tiers (Gemini 1.5, Grok), never both.
        var above = HasFieldEndingWith(e, "_above_200k_tokens") ? "_above_200k_tokens" : HasFieldEndingWith(e, "_above_128k_tokens") ? "_above_128k_tokens" : null;
        return new ModelPrice
        {
            ModelKey = key,
            Provider = provider,
            Source = PriceSource.Catalog,
            CreatedBy = "",
            InputPerMTok = Rate(e, "input_cost_per_token") ?? 0m,
            OutputPerMTok = Rate(e, "output_cost_per_token") ?? 0m,
            CacheReadPerMTok = Rate(e, "cache_read_input_token_cost") ?? Rate(e, "input_cost_per_token_cache_hit"),
            CacheWrite5mPerMTok = Rate(e, "cache_creation_input_token_cost"),
            CacheWrite1hPerMTok = Rate(e, "cache_creation_input_token_cost_above_1hr"),
            ReasoningPerMTok = Rate(e, "output_cost_per_reasoning_token"),
            AudioInputPerMTok = Rate(e, "input_cost_per_audio_token"),
            AudioOutputPerMTok = Rate(e, "output_cost_per_audio_token"),
            ImageInputPerMTok = Rate(e, "input_cost_per_image_token"),
            ImageOutputPerMTok = Rate(e, "output_cost_per_image_token"),
            ThresholdTokens = above switch { "_above_200k_tokens" => 200_000, "_above_128k_tokens" => 128_000, _ => null },
            InputAboveThresholdPerMTok = above is null ? null : Rate(e, "input_cost_per_token" + above),
            OutputAboveThresholdPerMTok = above is null ? null : Rate(e, "output_cost_per_token" + above),
            CacheReadAboveThresholdPerMTok = above is null ? null : Rate(e, "cache_read_input_token_cost" + above),
            CacheWrite5mAboveThresholdPerMTok = above is null ? null : Rate(e, "cache_creation_input_token_cost" + above),
            CacheWrite1hAboveThresholdPerMTok = above is null ? null : Rate(e, "cache_creation_input_token_cost_above_1hr" + above),
            RequestFee = requestFee,
            SearchFeeLow = Fee(search, "search_context_size_low"),
            SearchFeeMedium = Fee(search, "search_context_size_medium"),
            SearchFeeHigh = Fee(search, "search_context_size_high"),
            // Perplexity's Sonar request is itself the search: one fee per request by search_context_size.
            // Elsewhere the same catalog field is the price of each web-search tool call.
            SearchFeePerRequest = provider == "perplexity",
            Note = Text(e, "source") is { } source ? source[..Math.Min(source.Length, 500)] : null,
        };
    }

    private static ModelPrice? ReadServiceTier(ModelPrice standard, JsonElement e, string tier)
    {
        var input = Rate(e, "input_cost_per_token_" + tier);
        var output = Rate(e, "output_cost_per_token_" + tier);
        var cacheRead = Rate(e, "cache_read_input_token_cost_" + tier);
        if (input is null && output is null && cacheRead is null)
            return null;
        var price = standard.CloneAsNew();
        price.ServiceTier = tier;
        price.InputPerMTok = input ?? standard.InputPerMTok;
        price.OutputPerMTok = output ?? standard.OutputPerMTok;
        price.CacheReadPerMTok = cacheRead ?? standard.CacheReadPerMTok;
        return price;
    }

    private static bool IsPriceable(ModelPrice price, JsonElement e)
    {
        decimal?[] money =
        [
            price.InputPerMTok, price.OutputPerMTok, price.AudioInputPerMTok, price.AudioOutputPerMTok, price.ImageInputPerMTok,
            price.ImageOutputPerMTok, price.RequestFee, price.SearchFeeLow, price.SearchFeeMedium, price.SearchFeeHigh,
        ];
        if (money.Any(m => m > 0m))
            return true;
        if (e.EnumerateObject().Any(p => IsOtherUnitPrice(p)))
            return false;
        return Text(e, "mode") is { } mode && ModesWhereZeroIsFree.Contains(mode);
    }

    private static bool IsOtherUnitPrice(JsonProperty p) =>
        p.Value.ValueKind == JsonValueKind.Number
        && !p.Name.EndsWith("_token", StringComparison.Ordinal)
        && OtherUnits.Any(u => p.Name.Contains(u, StringComparison.Ordinal))
        && p.Value.TryGetDecimal(out var value) && value > 0m;

    private static bool HasFieldEndingWith(JsonElement e, string suffix) =>
        e.EnumerateObject().Any(p => p.Name.EndsWith(suffix, StringComparison.Ordinal) && p.Value.ValueKind == JsonValueKind.Number);

    /// <summary>A per-token price as USD per million tokens.</summary>
    private static decimal? Rate(JsonElement e, string name) => Fee(e, name) * PerMillion;

    /// <summary>A number as written, in USD per unit; null when absent or not a number (e.g. in <c>sample_spec</c>).</summary>
    private static decimal? Fee(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDecimal(out var d) ? d : null;

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
