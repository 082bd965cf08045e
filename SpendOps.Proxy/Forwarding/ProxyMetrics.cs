using System.Diagnostics.Metrics;

namespace SpendOps.Proxy.Forwarding;

/// <summary>Proxy counters: forwarded calls by provider and status, and requests the proxy refused itself.</summary>
public sealed class ProxyMetrics
{
    /// <summary>From a tenth of a millisecond to a quarter second: the proxy's own time is small, and its tail is what matters.</summary>
    private static readonly double[] AddedLatencyBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25];

    private readonly Counter<long> requests;
    private readonly Counter<long> rejections;
    private readonly Counter<long> captureFailures;
    private readonly Histogram<double> addedLatency;

    public ProxyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create("SpendOps.Proxy");
        requests = meter.CreateCounter<long>("spendops.proxy.requests", description: "Calls forwarded to a provider");
        rejections = meter.CreateCounter<long>("spendops.proxy.rejections", description: "Requests refused by the proxy (key, policy, limits)");
        addedLatency = meter.CreateHistogram<double>("spendops.proxy.added_latency", unit: "s",
            description: "Time SpendOps adds to a forwarded call (admission before sending, passing the provider's headers on)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = AddedLatencyBuckets });
        captureFailures = meter.CreateCounter<long>("spendops.usage.capture_failures", description: "Responses whose usage could not be fully read (oversized or malformed parts)");
    }

    internal void RequestCompleted(string provider, int status) =>
        requests.Add(1, new KeyValuePair<string, object?>("provider", provider), new KeyValuePair<string, object?>("status", status));

    internal void AddedLatency(string provider, TimeSpan added) =>
        addedLatency.Record(added.TotalSeconds, new KeyValuePair<string, object?>("provider", provider));

    internal void CaptureFailed(string provider) => captureFailures.Add(1, new KeyValuePair<string, object?>("provider", provider));

    internal void RequestRejected(string code) => rejections.Add(1, new KeyValuePair<string, object?>("code", code));
}
