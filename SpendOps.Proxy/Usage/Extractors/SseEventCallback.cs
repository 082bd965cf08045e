namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// Receives the data payload of one complete SSE event (its <c>data:</c> lines joined with <c>\n</c>). The span is
/// only valid during the call.
/// </summary>
internal delegate void SseEventCallback(ReadOnlySpan<byte> data);
