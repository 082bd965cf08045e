namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// The providers' published pricing rules that catalog prices are checked against (see the Pricing README,
/// "Catalog checks"). A new rule is one line in one of the tables. The first line of <see cref="Exact"/> that
/// covers a row decides each of its rates, and the first line of <see cref="CachedInput"/> that covers it decides
/// its family, so a model-specific line goes above the general one.
/// </summary>
internal static class CatalogRules
{
    // Anthropic's rows are the Claude models; the "us/" (data residency) and "fast/" (fast mode) variants have
    // their own input rates, and caching multipliers stack on top of those modifiers and of long-context pricing.
    // https://docs.claude.com/en/docs/about-claude/pricing ("Prompt caching", "Long context pricing")
    private static readonly RuleScope Anthropic = new("anthropic", "*claude*", "Anthropic");

    // Anthropic's price table lists Claude Haiku 3 at $0.30 (5-minute write) and $0.03 (cache hits) for a $0.25
    // input, not 1.25 × and 0.1 × of it; its 1-hour write is the regular $0.50.
    private static readonly RuleScope HaikuThree = new("anthropic", "claude-3-haiku*", "Anthropic's price table for Claude Haiku 3");

    public static IReadOnlyList<ExactRateRule> Exact { get; } =
    [
        new(HaikuThree, PriceField.CacheWrite5m, 0.30m),
        new(HaikuThree, PriceField.CacheRead, 0.03m),
        new(Anthropic, PriceField.CacheWrite5m, 1.25m, PriceField.Input),
        new(Anthropic, PriceField.CacheWrite1h, 2m, PriceField.Input),
        new(Anthropic, PriceField.CacheRead, 0.1m, PriceField.Input),
        new(Anthropic, PriceField.CacheWrite5mAboveThreshold, 1.25m, PriceField.InputAboveThreshold),
        new(Anthropic, PriceField.CacheWrite1hAboveThreshold, 2m, PriceField.InputAboveThreshold),
        new(Anthropic, PriceField.CacheReadAboveThreshold, 0.1m, PriceField.InputAboveThreshold),
    ];

    // Cached input as a fraction of input per model family, from the providers' price pages and matching every
    // entry of the 2026-02-20 catalog except those reported as undecided:
    // https://platform.openai.com/docs/pricing, https://ai.google.dev/gemini-api/docs/pricing
    // Gemini 2.5 lists both: Google cut its context-caching price from 25 % to 10 % of input, and the catalog still
    // carries 2.5 previews at the old price. The "-latest" aliases follow whichever model they point at.
    public static IReadOnlyList<CachedInputRule> CachedInput { get; } =
    [
        new(new("openai", "gpt-5*", "OpenAI's gpt-5 models"), 0.1m),
        new(new("openai", "gpt-realtime*", "OpenAI's gpt-realtime models"), 0.1m),
        new(new("openai", "gpt-image-1-mini*", "OpenAI's gpt-image-1-mini"), 0.1m),
        new(new("openai", "gpt-image-1*", "OpenAI's gpt-image-1 models"), 0.25m),
        new(new("openai", "gpt-4.1*", "OpenAI's gpt-4.1 models"), 0.25m),
        new(new("openai", "ft:gpt-4.1*", "OpenAI's fine-tuned gpt-4.1 models"), 0.25m),
        new(new("openai", "o3-mini*", "OpenAI's o3-mini"), 0.5m),
        new(new("openai", "o3*", "OpenAI's o3 models"), 0.25m),
        new(new("openai", "o4-mini*", "OpenAI's o4-mini models"), 0.25m),
        new(new("openai", "ft:o4-mini*", "OpenAI's fine-tuned o4-mini"), 0.25m),
        new(new("openai", "codex-mini*", "OpenAI's codex-mini"), 0.25m),
        new(new("openai", "o1*", "OpenAI's o1 models"), 0.5m),
        new(new("openai", "gpt-4o*", "OpenAI's gpt-4o models"), 0.5m),
        new(new("openai", "ft:gpt-4o*", "OpenAI's fine-tuned gpt-4o models"), 0.5m),
        new(new("openai", "gpt-4.5*", "OpenAI's gpt-4.5"), 0.5m),
        new(new("openai", "*", "OpenAI's models")),
        new(new("google", "*gemini-1.5-*", "Google's Gemini 1.5 models"), 0.25m),
        new(new("google", "*gemini-2.0-*", "Google's Gemini 2.0 models"), 0.25m),
        new(new("google", "*gemini-2.5-*", "Google's Gemini 2.5 models"), 0.1m, 0.25m),
        new(new("google", "*gemini-3*", "Google's Gemini 3 models"), 0.1m),
        new(new("google", "*gemini-*-latest", "Google's Gemini -latest aliases"), 0.1m, 0.25m),
        new(new("google", "*", "Google's Gemini models")),
    ];

    public static IReadOnlyList<TierRule> Tiers { get; } =
    [
        new(PriceField.Input, PriceField.InputAboveThreshold),
        new(PriceField.Output, PriceField.OutputAboveThreshold),
        new(PriceField.CacheRead, PriceField.CacheReadAboveThreshold),
        new(PriceField.CacheWrite5m, PriceField.CacheWrite5mAboveThreshold),
        new(PriceField.CacheWrite1h, PriceField.CacheWrite1hAboveThreshold),
    ];
}
