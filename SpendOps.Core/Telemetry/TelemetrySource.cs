namespace SpendOps.Core.Telemetry;

/// <summary>Which Claude product sends telemetry to a connection. Stored and shown with the names of <see cref="TelemetrySourceNames"/>.</summary>
public enum TelemetrySource
{
    ClaudeCode = 0,
    ClaudeCowork = 1,
    ClaudeOfficeAgents = 2,
}
