namespace SpendOps.Core.Telemetry;

/// <summary>A usage record a supersession rule retired, with what the audit entry names it by.</summary>
internal sealed record SupersededRecord(long Id, string RequestId, string? UpstreamRequestId);
