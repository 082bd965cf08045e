namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Free text from telemetry that lands in a column (model, request id): trimmed, cut to the column's length, and
/// dropped when it holds control characters (PostgreSQL refuses NUL in text; a stored value is never that garbage).
/// </summary>
internal static class TelemetryText
{
    public static string? Clean(string? value, int maxLength)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Any(char.IsControl))
            return null;
        return value.Length > maxLength ? value[..maxLength] : value;
    }
}
