using System.Collections.Frozen;

namespace SpendOps.Core.Providers;

/// <summary>The 14 providers the proxy serves, with the upstream bases of their public APIs.</summary>
public static class ProviderCatalog
{
    public static IReadOnlyList<ProviderInfo> All { get; } =
    [
        new("openai", "OpenAI", ProviderFamily.OpenAi, "https://api.openai.com", null),
        new("anthropic", "Anthropic", ProviderFamily.Anthropic, "https://api.anthropic.com", null),
        new("google", "Google Gemini", ProviderFamily.Gemini, "https://generativelanguage.googleapis.com", "gemini/"),
        new("openrouter", "OpenRouter", ProviderFamily.OpenAi, "https://openrouter.ai/api", "openrouter/"),
        new("xai", "xAI", ProviderFamily.OpenAi, "https://api.x.ai", "xai/"),
        new("groq", "Groq", ProviderFamily.OpenAi, "https://api.groq.com/openai", "groq/"),
        new("deepinfra", "DeepInfra", ProviderFamily.OpenAi, "https://api.deepinfra.com", "deepinfra/"),
        new("novita", "Novita AI", ProviderFamily.OpenAi, "https://api.novita.ai", "novita/"),
        new("fireworks", "Fireworks AI", ProviderFamily.OpenAi, "https://api.fireworks.ai/inference", "fireworks_ai/"),
        new("perplexity", "Perplexity", ProviderFamily.OpenAi, "https://api.perplexity.ai", "perplexity/"),
        new("cerebras", "Cerebras", ProviderFamily.OpenAi, "https://api.cerebras.ai", "cerebras/"),
        new("mistral", "Mistral", ProviderFamily.OpenAi, "https://api.mistral.ai", "mistral/"),
        new("deepseek", "DeepSeek", ProviderFamily.OpenAi, "https://api.deepseek.com", "deepseek/"),
        new("nebius", "Nebius Token Factory", ProviderFamily.OpenAi, "https://api.tokenfactory.nebius.com", "nebius/"),
    ];

    private static readonly FrozenDictionary<string, ProviderInfo> ByName =
        All.ToFrozenDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, ProviderInfo>.AlternateLookup<ReadOnlySpan<char>> ByNameSpan =
        ByName.GetAlternateLookup<ReadOnlySpan<char>>();

    public static ProviderInfo? Find(string name) => ByName.GetValueOrDefault(name);

    public static ProviderInfo? Find(ReadOnlySpan<char> name) => ByNameSpan.TryGetValue(name, out var info) ? info : null;
}
