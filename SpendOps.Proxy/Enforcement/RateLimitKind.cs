namespace SpendOps.Proxy.Enforcement;

/// <summary>Which limit refused a request, if any.</summary>
public enum RateLimitKind
{
    None,
    Requests,
    Tokens,
}
