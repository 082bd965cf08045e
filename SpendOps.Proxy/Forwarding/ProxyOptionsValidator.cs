using Microsoft.Extensions.Options;
using SpendOps.Core.Providers;

namespace SpendOps.Proxy.Forwarding;

/// <summary>Reports every bad provider override at start-up, each with the configuration key to fix.</summary>
internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        foreach (var (provider, endpoint) in options.Providers)
        {
            if (ProviderCatalog.Find(provider) is null)
            {
                failures.Add($"Proxy:Providers:{provider}: unknown provider. Known providers: {string.Join(", ", ProviderCatalog.All.Select(p => p.Name))}.");
                continue;
            }
            if (endpoint.BaseUrl is { Length: > 0 } url
                && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Query.Length > 0))
            {
                failures.Add($"Proxy:Providers:{provider}:BaseUrl: '{url}' is not an absolute http(s) URL without a query string.");
            }
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
