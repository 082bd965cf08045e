namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>An <c>ExportLogsServiceRequest</c>, decoded from JSON or protobuf into one shape.</summary>
internal sealed class OtlpLogsRequest
{
    public List<OtlpResourceLogs> ResourceLogs { get; } = [];

    public int RecordCount => ResourceLogs.Sum(r => r.ScopeLogs.Sum(s => s.LogRecords.Count));
}
