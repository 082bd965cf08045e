namespace SpendOps.Proxy.Telemetry.Otlp;

internal sealed class OtlpResourceLogs
{
    public OtlpAttributes Resource { get; init; } = [];
    public List<OtlpScopeLogs> ScopeLogs { get; } = [];
    public string? SchemaUrl { get; init; }
}
