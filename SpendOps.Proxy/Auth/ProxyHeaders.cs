namespace SpendOps.Proxy.Auth;

/// <summary>Header names of the proxy contract (see the product docs): these are what users' setups send.</summary>
public static class ProxyHeaders
{
    public const string ApiKey = "X-ASO-API-Key";
    public const string Dims = "X-ASO-Dims";
    public const string RequestId = "X-ASO-Request-Id";

    /// <summary>Every header starting with this prefix is ours and never forwarded upstream.</summary>
    public const string OwnPrefix = "X-ASO-";

    // LiteLLM's attribution headers, accepted so teams moving from LiteLLM keep their Claude Code setup.
    public const string LiteLlmTags = "x-litellm-tags";
    public const string LiteLlmCustomerId = "x-litellm-customer-id";
    public const string LiteLlmEndUserId = "x-litellm-end-user-id";
}
