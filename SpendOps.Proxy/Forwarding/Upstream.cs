using SpendOps.Core.Providers;

namespace SpendOps.Proxy.Forwarding;

/// <summary>A provider with the base URL this deployment forwards it to (no trailing slash).</summary>
public sealed record Upstream(ProviderInfo Info, string BaseUrl);
