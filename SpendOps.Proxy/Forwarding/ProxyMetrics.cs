using System.Diagnostics.Metrics;

namespace SpendOps.Proxy.Forwarding;

/// <summary>Proxy counters: forwarded calls by provider and status, and requests the proxy refused itself.</summary>
public sealed class ProxyMetrics
{
    private readonly Counter<long> requests;
    private readonly Counter<long> rejections;
    private readonly Counter<long> captureFailures;

    public ProxyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("SpendOps.Proxy");
        requests = meter.CreateCounter<long>("spendops.proxy.requests", description: "Calls forwarded to a provider");
        rejections = meter.CreateCounter<long>("spendops.proxy.rejections", description: "Requests refused by the proxy (key, policy, limits)");
        captureFailures = meter.CreateCounter<long>("spendops.usage.capture_failures", description: "Responses whose usage could not be fully read (oversized or malformed parts)");
    }

    internal void RequestCompleted(string provider, int status) =>
        requests.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("status", status));

    internal void CaptureFailed(string provider) => captureFailures.Add(1, new KeyValuePair<string, object?>("provider", provider));

    internal void RequestRejected(string code) => rejections.Add(1, new KeyValuePair<string, object?>("code", code));
}
