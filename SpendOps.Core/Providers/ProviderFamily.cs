namespace SpendOps.Core.Providers;

/// <summary>The wire format family of a provider: decides the error envelope and the default usage extractor.</summary>
public enum ProviderFamily
{
    OpenAi = 0,
    Anthropic = 1,
    Gemini = 2,
}
