using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Text from telemetry for a usage record's bounded column. Unlike the proxy's values, a telemetry value longer than
/// the column is left out rather than cut: model names, request ids and attribution values are short, and a long
/// one may be conversation content a sender put in the wrong place, which must not be stored even in part.
/// </summary>
internal static class TelemetryText
{
    public static string? Short(string? value, int maxLength) =>
        value is not null && value.Trim().Length > maxLength ? null : UsageText.Clean(value, maxLength);
}
