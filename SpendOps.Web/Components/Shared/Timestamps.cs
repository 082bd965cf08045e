namespace SpendOps.Web.Components.Shared;

/// <summary>How the portal writes times: UTC, to the minute, the same on every page.</summary>
public static class Timestamps
{
    public static string Format(DateTimeOffset? value, string none = "—") =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : none;
}
