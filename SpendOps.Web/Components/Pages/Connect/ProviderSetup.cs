using SpendOps.Core.Providers;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// How a client reaches one provider through SpendOps: the base URL to give its SDK (README, "Base URLs per SDK"),
/// the environment variable that usually holds the provider's own key, and a model to start with.
/// </summary>
public sealed record ProviderSetup(ProviderInfo Info, string SdkBasePath, string ApiKeyVariable, string DefaultModel)
{
    private static readonly IReadOnlyDictionary<string, ProviderSetup> ByName = new[]
    {
        Create("openai", "/v1/openai/v1", "gpt-4.1-mini"),
        Create("anthropic", "/v1/anthropic", "claude-sonnet-4-5"),
        Create("google", "/v1/google", "gemini-2.5-flash", "GEMINI_API_KEY"),
        Create("openrouter", "/v1/openrouter/v1", "openai/gpt-4.1-mini"),
        Create("xai", "/v1/xai/v1", "grok-4"),
        Create("groq", "/v1/groq/v1", "llama-3.3-70b-versatile"),
        Create("deepinfra", "/v1/deepinfra/v1/openai", "meta-llama/Llama-3.3-70B-Instruct"),
        Create("novita", "/v1/novita/openai/v1", "deepseek/deepseek-v3-0324"),
        Create("fireworks", "/v1/fireworks/v1", "accounts/fireworks/models/llama-v3p3-70b-instruct"),
        // Perplexity's API has no /v1 segment.
        Create("perplexity", "/v1/perplexity", "sonar"),
        Create("cerebras", "/v1/cerebras/v1", "llama-3.3-70b"),
        Create("mistral", "/v1/mistral/v1", "mistral-small-latest"),
        Create("deepseek", "/v1/deepseek", "deepseek-chat"),
        Create("nebius", "/v1/nebius/v1", "meta-llama/Llama-3.3-70B-Instruct"),
    }.ToDictionary(p => p.Info.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<ProviderSetup> All { get; } = ProviderCatalog.All.Select(p => ByName[p.Name]).ToList();

    public static ProviderSetup For(string provider) => ByName.GetValueOrDefault(provider) ?? ByName["openai"];

    public string Name => Info.Name;

    /// <summary>What the snippets need to know about the provider's API family.</summary>
    public ApiFamily Api => ApiFamily.For(Info.Family);

    /// <summary>Claude Code talks to Anthropic only.</summary>
    public bool IsAnthropic => Info.Family == ProviderFamily.Anthropic;

    /// <summary>Base URL for OpenAI SDKs.</summary>
    public string OpenAiCompatibleBasePath => SdkBasePath + Api.OpenAiCompatibleSuffix;

    /// <summary>The provider's own path of a typical generation call (what the key test evaluates): the SDK base path without the proxy's prefix.</summary>
    public string CallPath(string model) => SdkBasePath[$"/v1/{Name}".Length..] + Api.GenerationPath(model);

    private static ProviderSetup Create(string name, string basePath, string model, string? keyVariable = null) =>
        new(ProviderCatalog.Find(name)!, basePath, keyVariable ?? name.ToUpperInvariant() + "_API_KEY", model);
}
