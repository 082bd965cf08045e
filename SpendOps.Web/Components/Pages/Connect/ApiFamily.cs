using SpendOps.Core.Providers;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>
/// What every snippet language needs to know about one API family (OpenAI-compatible, Anthropic, Gemini): the path of
/// a typical generation call, how the provider's own key is sent, the request body, and the official SDK per language.
/// Languages render from these facts (<see cref="CurlSnippet"/>, <see cref="SdkLanguage"/>), so a new family or a
/// changed SDK is one edit here, not one per language.
/// </summary>
/// <param name="GenerationPath">The generation call's path below the provider's SDK base path, for a model.</param>
/// <param name="AuthHeaders">Headers that carry the provider's own key; <c>{key}</c> stands for the shell variable that holds it.</param>
/// <param name="RequestBody">The JSON body of the generation call, given the model as a JSON string literal.</param>
/// <param name="OpenAiCompatibleSuffix">Added to the SDK base path for OpenAI SDKs: Gemini has an OpenAI-compatible surface next to its native one.</param>
public sealed record ApiFamily(
    ProviderFamily Family,
    Func<string, string> GenerationPath,
    IReadOnlyList<string> AuthHeaders,
    Func<string, string> RequestBody,
    string OpenAiCompatibleSuffix,
    SdkTemplate Python,
    SdkTemplate TypeScript,
    SdkTemplate DotNet)
{
    public static ApiFamily For(ProviderFamily family) => family switch
    {
        ProviderFamily.Anthropic => AnthropicApi.Facts,
        ProviderFamily.Gemini => GeminiApi.Facts,
        _ => OpenAiCompatibleApi.Facts,
    };
}
