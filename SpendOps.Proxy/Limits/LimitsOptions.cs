using System.ComponentModel.DataAnnotations;

namespace SpendOps.Proxy.Limits;

/// <summary>
/// The <c>Limits</c> section: per-client request rates on the proxy and the telemetry ingest, and the process-wide
/// budget for buffered request bodies. A client is a remote address; 0 turns a limit off.
/// </summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Limits";

    /// <summary>The window the per-client rates below are counted over (a token bucket refilled evenly across it).</summary>
    [Range(1, 86_400)]
    public int RateWindowSeconds { get; set; } = 60;

    /// <summary>
    /// Proxy calls per window from one address with a key the proxy knows: a flood guard (5,000 a second), far above a
    /// whole office behind one NAT or a busy batch service; the business limits are the keys' own rate limits.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int RequestsPerClient { get; set; } = 300_000;

    /// <summary>Proxy calls per window from one address with no key, a malformed key or a key id the proxy does not know.</summary>
    [Range(0, int.MaxValue)]
    public int UnauthenticatedRequestsPerClient { get; set; } = 300;

    /// <summary>Telemetry ingest requests (OTLP metrics and logs) per window from one address.</summary>
    [Range(0, int.MaxValue)]
    public int IngestRequestsPerClient { get; set; } = 6_000;

    /// <summary>
    /// Bytes of proxy request bodies held in memory at once, across all requests (each one is also capped by
    /// <c>Proxy:MaxRequestBodyBytes</c>). A request that would go past it is answered 503 with Retry-After; a request
    /// alone is always admitted.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long BufferedRequestBytes { get; set; } = 256L * 1024 * 1024;
}
