namespace SpendOps.Proxy.Telemetry.Otlp;

internal sealed class OtlpScopeLogs
{
    public OtlpScope? Scope { get; init; }
    public List<OtlpLogRecord> LogRecords { get; } = [];
    public string? SchemaUrl { get; init; }
}
