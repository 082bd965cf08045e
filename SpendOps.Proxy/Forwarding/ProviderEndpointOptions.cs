namespace SpendOps.Proxy.Forwarding;

public sealed class ProviderEndpointOptions
{
    /// <summary>Absolute http(s) URL the provider path is appended to, e.g. <c>https://api.openai.com</c>.</summary>
    public string? BaseUrl { get; set; }
}
