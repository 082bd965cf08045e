using System.Collections.Frozen;

namespace SpendOps.Core.Pricing;

/// <summary>Which LiteLLM <c>litellm_provider</c> values price which of our providers.</summary>
internal static class CatalogProviders
{
    // Only the catalog entries for the hosts we proxy. Vertex, Bedrock, Azure and the like carry different
    // prices for the same model names, and "codestral/*" is the separate codestral.mistral.ai host (priced
    // free in the catalog), while api.mistral.ai serves Codestral under "mistral/codestral-*".
    private static readonly FrozenDictionary<string, string> ByCatalogName = new Dictionary<string, string>
    {
        ["openai"] = "openai",
        ["text-completion-openai"] = "openai",
        ["anthropic"] = "anthropic",
        ["gemini"] = "google",
        ["openrouter"] = "openrouter",
        ["xai"] = "xai",
        ["groq"] = "groq",
        ["deepinfra"] = "deepinfra",
        ["novita"] = "novita",
        ["fireworks_ai"] = "fireworks",
        ["fireworks_ai-embedding-models"] = "fireworks",
        ["perplexity"] = "perplexity",
        ["cerebras"] = "cerebras",
        ["mistral"] = "mistral",
        ["deepseek"] = "deepseek",
        ["nebius"] = "nebius",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Our provider name for a catalog provider, or null when we do not serve it.</summary>
    public static string? ToProvider(string? catalogProvider) =>
        catalogProvider is null ? null : ByCatalogName.GetValueOrDefault(catalogProvider);
}
