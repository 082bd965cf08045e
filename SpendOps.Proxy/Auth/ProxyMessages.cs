namespace SpendOps.Proxy.Auth;

/// <summary>
/// The exact error texts users see in their SDK. The first six are the product's documented troubleshooting
/// table: scripts and docs match on them, so they must not change.
/// </summary>
public static class ProxyMessages
{
    public const string MissingKey = "AI SpendOps: Missing X-ASO-API-Key";
    public const string InvalidKeyFormat = "AI SpendOps: Invalid X-ASO-API-Key (format)";
    public const string InvalidKeyUnknown = "AI SpendOps: Invalid X-ASO-API-Key (unknown)";
    public const string RequireDimsViolation = "AI SpendOps: require_dims violation";
    public const string ProviderNotAllowed = "AI SpendOps: Provider not allowed by API key policy";
    public const string ModelNotAllowed = "AI SpendOps: Model not allowed by API key policy";

    public const string DimsPolicyViolation = "AI SpendOps: dims_policy violation";
}
