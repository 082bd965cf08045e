namespace SpendOps.Proxy.Forwarding;

/// <summary>An error the proxy answers itself (never an upstream error, which passes through untouched).</summary>
/// <param name="Code">A stable machine-readable code, e.g. <c>aso_missing_api_key</c>.</param>
public sealed record ProxyError(int Status, string Message, string Code);
