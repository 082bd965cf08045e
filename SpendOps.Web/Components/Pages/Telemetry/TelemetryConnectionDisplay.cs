using System.Globalization;
using MudBlazor;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;

namespace SpendOps.Web.Components.Pages.Telemetry;

/// <summary>How the connection pages name sources, states and sizes.</summary>
internal static class TelemetryConnectionDisplay
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static IReadOnlyList<SourceOption> Sources { get; } =
    [
        new(TelemetrySource.ClaudeCode, "Claude Code", "Developers' Claude Code, set up by managed settings or shell variables."),
        new(TelemetrySource.ClaudeCowork, "Claude Cowork", "Set up in Claude admin: Products - Cowork - monitoring."),
        new(TelemetrySource.ClaudeOfficeAgents, "Claude Office agents", "Set up in Claude admin: Products - Office agents - monitoring."),
    ];

    public static string SourceName(TelemetrySource source) => Sources.First(s => s.Source == source).Text;

    /// <summary>"3 min ago", "2 h ago", "5 days ago": next to an exact time, so a stale connection stands out.</summary>
    public static string Ago(DateTimeOffset then, DateTimeOffset now)
    {
        var elapsed = now - then;
        return elapsed switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalHours: < 1 } => $"{(int)elapsed.TotalMinutes} min ago",
            { TotalDays: < 1 } => $"{(int)elapsed.TotalHours} h ago",
            _ => $"{(int)elapsed.TotalDays} day(s) ago",
        };
    }

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(Culture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", Culture) + " KiB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", Culture) + " MiB",
    };

    public static Color KeyStatusColor(IngestKeyStatus status) => status == IngestKeyStatus.Active ? Color.Success : Color.Default;

    public static string KeyStatus(IngestKeyStatus status) => status == IngestKeyStatus.Active ? "active" : "revoked";

    public static string Signal(TelemetrySignal signal) => signal == TelemetrySignal.Logs ? "logs" : "metrics";

    public sealed record SourceOption(TelemetrySource Source, string Text, string Hint);
}
