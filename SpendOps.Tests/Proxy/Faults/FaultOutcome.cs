namespace SpendOps.Tests.Proxy.Faults;

/// <summary>What one client of the fault suite saw.</summary>
/// <param name="Call">The call's name, also its model.</param>
/// <param name="Status">The status the client read, or null when it gave up before reading one.</param>
/// <param name="RequestId">The X-ASO-Request-Id the client was given, if it got that far.</param>
/// <param name="Body">The whole body, or null when the stream broke off.</param>
public sealed record FaultOutcome(string Call, string Fault, int? Status, string? RequestId, byte[]? Body);
