using System.ComponentModel.DataAnnotations;

namespace SpendOps.Proxy.Forwarding;

/// <summary>The <c>Proxy</c> section: upstream bases, limits and timeouts.</summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Proxy";

    /// <summary>Requests with a larger body are refused with 413 before anything is sent upstream.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBodyBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// How long the upstream may stay silent (before its headers, or between two chunks of a stream)
    /// before the call fails with 504. Long by default: reasoning models can think for minutes.
    /// </summary>
    [Range(1, 86_400)]
    public int UpstreamIdleTimeoutSeconds { get; set; } = 600;

    [Range(1, 600)]
    public int ConnectTimeoutSeconds { get; set; } = 10;

    /// <summary>How often each instance looks for changed keys; a disabled key stops working within this time.</summary>
    [Range(0.05, 60)]
    public double KeyCacheRefreshSeconds { get; set; } = 2;

    /// <summary>Per-provider overrides, e.g. <c>Proxy:Providers:openai:BaseUrl</c> for a test double or an egress gateway.</summary>
    public Dictionary<string, ProviderEndpointOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
