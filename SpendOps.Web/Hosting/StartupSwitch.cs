namespace SpendOps.Web.Hosting;

/// <summary>A true-or-false setting the app reads before it builds its host, so it checks the value itself.</summary>
internal static class StartupSwitch
{
    /// <summary>The value, <paramref name="fallback"/> when unset, or null with <paramref name="error"/> saying what to fix.</summary>
    public static bool? Read(IConfiguration configuration, string name, bool fallback, out string? error)
    {
        error = null;
        var value = configuration[name];
        if (string.IsNullOrWhiteSpace(value))
            return fallback;
        if (bool.TryParse(value.Trim(), out var on))
            return on;
        error = $"{name} must be true or false, not '{value}'.";
        return null;
    }
}
