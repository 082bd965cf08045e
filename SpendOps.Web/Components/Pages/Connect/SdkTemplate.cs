namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>One official SDK of an API family in one language: its package and the code to set up a client and make one call.</summary>
/// <param name="Package">What the language's package manager installs.</param>
/// <param name="Code">The snippet, from values already written as literals of the language.</param>
/// <param name="OpenAiCompatibleEndpoint">True when the SDK is OpenAI's, pointed at the provider's OpenAI-compatible base URL.</param>
/// <param name="Remark">Said after the install command, e.g. why another family's SDK is used.</param>
public sealed record SdkTemplate(string Package, Func<SdkValues, string> Code, bool OpenAiCompatibleEndpoint = false, string? Remark = null);
