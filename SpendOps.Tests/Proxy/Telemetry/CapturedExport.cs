namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>One recorded export request: <c>logs</c> or <c>metrics</c>, its content type and its raw body.</summary>
public sealed record CapturedExport(string Signal, string ContentType, byte[] Body);
