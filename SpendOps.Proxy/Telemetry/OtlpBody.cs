namespace SpendOps.Proxy.Telemetry;

/// <summary>A request body read within the size limit: the decoded bytes and the size on the wire.</summary>
internal sealed record OtlpBody(ReadOnlyMemory<byte> Bytes, long WireBytes, string? Encoding);
