using System.Text;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>One generation call with curl: the provider's own key from its usual variable, then the SpendOps headers.</summary>
public static class CurlSnippet
{
    public static Snippet Render(ConnectInput input)
    {
        var provider = input.Provider;
        var api = provider.Api;
        var code = new StringBuilder();
        code.Append("curl ").Append(SnippetQuoting.ShellDouble(input.Url(provider.SdkBasePath + api.GenerationPath(input.Model)))).Append(" \\\n");
        // Plain double quotes, not ShellDouble: the shell must expand the variable that holds the provider key.
        foreach (var header in api.AuthHeaders)
            code.Append("  -H \"").Append(header.Replace("{key}", "$" + provider.ApiKeyVariable, StringComparison.Ordinal)).Append("\" \\\n");
        foreach (var (name, value) in input.Headers)
            code.Append("  -H ").Append(SnippetQuoting.ShellDouble($"{name}: {value}")).Append(" \\\n");
        code.Append("  -H \"Content-Type: application/json\" \\\n");
        code.Append("  -d ").Append(SnippetQuoting.ShellSingle(api.RequestBody(SnippetQuoting.JsonString(input.Model))));
        return new Snippet("curl", "bash", code.ToString(), $"Your own {provider.Info.DisplayName} key goes in ${provider.ApiKeyVariable}; it passes through untouched.");
    }
}
