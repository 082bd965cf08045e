using System.Diagnostics.CodeAnalysis;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// The wire names of <see cref="TelemetrySource"/> (<c>claude_code</c>, <c>claude_cowork</c>,
/// <c>claude_office_agents</c>): the same strings customers put in <c>stackspend.source</c> resource attributes.
/// </summary>
public static class TelemetrySourceNames
{
    public const string ClaudeCode = "claude_code";
    public const string ClaudeCowork = "claude_cowork";
    public const string ClaudeOfficeAgents = "claude_office_agents";

    public static IReadOnlyList<string> All { get; } = [ClaudeCode, ClaudeCowork, ClaudeOfficeAgents];

    public static string ToName(TelemetrySource source) => source switch
    {
        TelemetrySource.ClaudeCowork => ClaudeCowork,
        TelemetrySource.ClaudeOfficeAgents => ClaudeOfficeAgents,
        _ => ClaudeCode,
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out TelemetrySource? source)
    {
        source = name?.Trim().ToLowerInvariant() switch
        {
            ClaudeCode => TelemetrySource.ClaudeCode,
            ClaudeCowork => TelemetrySource.ClaudeCowork,
            ClaudeOfficeAgents => TelemetrySource.ClaudeOfficeAgents,
            _ => null,
        };
        return source is not null;
    }
}
