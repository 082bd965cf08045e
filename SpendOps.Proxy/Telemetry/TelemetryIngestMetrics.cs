using System.Diagnostics.Metrics;
using SpendOps.Core.Telemetry;

namespace SpendOps.Proxy.Telemetry;

/// <summary>Counters of the OTLP ingest: requests by signal and HTTP status, and usage records written.</summary>
internal sealed class TelemetryIngestMetrics
{
    public const string MeterName = "SpendOps.Telemetry";

    private readonly Counter<long> requests;
    private readonly Counter<long> usageRecords;

    public TelemetryIngestMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        requests = meter.CreateCounter<long>("spendops.telemetry.requests", description: "OTLP export requests received, by signal and status code");
        usageRecords = meter.CreateCounter<long>("spendops.telemetry.usage_records", description: "Estimated usage records written from telemetry");
    }

    public void Request(TelemetrySignal signal, int statusCode) =>
        requests.Add(1, new KeyValuePair<string, object?>("signal", signal == TelemetrySignal.Logs ? "logs" : "metrics"),
            new KeyValuePair<string, object?>("status_code", statusCode));

    public void UsageRecords(int count)
    {
        if (count > 0)
            usageRecords.Add(count);
    }
}
