using SpendOps.Proxy.Auth;

namespace SpendOps.Web.Components.Pages.Connect;

/// <summary>What the snippets are made for: this deployment's base URL, a provider, the key text to show, dimensions and model.</summary>
/// <param name="BaseUrl">The portal's own address (<c>NavigationManager.BaseUri</c>), which also serves the proxy.</param>
/// <param name="ApiKey">The key as it appears in snippets: a placeholder such as <c>aso_k_{id}.YOUR_SECRET</c>, or the full key right after creation.</param>
/// <param name="Dims">The <c>X-ASO-Dims</c> value; empty leaves the header out.</param>
public sealed record ConnectInput(string BaseUrl, ProviderSetup Provider, string ApiKey, string Dims, string Model)
{
    public IReadOnlyList<(string Name, string Value)> Headers { get; } = string.IsNullOrWhiteSpace(Dims)
        ? [(ProxyHeaders.ApiKey, ApiKey)]
        : [(ProxyHeaders.ApiKey, ApiKey), (ProxyHeaders.Dims, Dims.Trim())];

    public string Url(string path) => BaseUrl.TrimEnd('/') + path;
}
