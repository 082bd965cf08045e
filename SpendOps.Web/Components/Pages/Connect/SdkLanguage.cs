namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>A language with an official SDK per API family: how it is installed, indented, and which family SDK it uses.</summary>
public sealed record SdkLanguage(string Title, string Language, string InstallCommand, string IndentStep, Func<ApiFamily, SdkTemplate> Sdk)
{
    public static SdkLanguage Python { get; } = new("Python", "python", "pip install", "    ", f => f.Python);

    public static SdkLanguage TypeScript { get; } = new("TypeScript", "typescript", "npm install", "  ", f => f.TypeScript);

    public static SdkLanguage DotNet { get; } = new(".NET", "csharp", "dotnet add package", "    ", f => f.DotNet);

    public Snippet Render(ConnectInput input)
    {
        var provider = input.Provider;
        var sdk = Sdk(provider.Api);
        var values = new SdkValues(
            SnippetQuoting.JsonString(input.Url(sdk.OpenAiCompatibleEndpoint ? provider.OpenAiCompatibleBasePath : provider.SdkBasePath)),
            provider.ApiKeyVariable,
            SnippetQuoting.JsonString(input.Model),
            input.Headers.Select(h => (SnippetQuoting.JsonString(h.Name), SnippetQuoting.JsonString(h.Value))).ToList(),
            IndentStep);
        var install = $"{InstallCommand} {sdk.Package}";
        return new Snippet(Title, Language, sdk.Code(values), sdk.Remark is null ? install : $"{install}. {sdk.Remark}");
    }
}
