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
    public const string ConflictingKeys = "AI SpendOps: Invalid X-ASO-API-Key (send exactly one key)";
    public const string AmbiguousModel = "AI SpendOps: The request names more than one model; send exactly one model";
    public const string UpgradeRefused = "AI SpendOps: WebSocket sessions (OpenAI Realtime, Gemini Live) are not proxied; use the provider's HTTP API";
    public const string UnforwardablePath = "AI SpendOps: The request path cannot be forwarded exactly as sent (dot segments or an unexpected form); send a plain /v1/{provider}/... path";
}
