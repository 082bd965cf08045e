namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>One OTLP log record; for Claude Code, one event (<c>claude_code.api_request</c>, ...).</summary>
internal sealed class OtlpLogRecord
{
    public ulong TimeUnixNano { get; init; }
    public ulong ObservedTimeUnixNano { get; init; }
    public int SeverityNumber { get; init; }
    public string? SeverityText { get; init; }
    public OtlpValue? Body { get; init; }
    public OtlpAttributes Attributes { get; init; } = [];
    public string? EventName { get; init; }
    public uint Flags { get; init; }

    /// <summary>Lower-case hex, as OTLP JSON writes ids.</summary>
    public string? TraceId { get; init; }

    public string? SpanId { get; init; }
}
