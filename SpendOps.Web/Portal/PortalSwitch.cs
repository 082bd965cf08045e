using SpendOps.Web.Hosting;

namespace SpendOps.Web.Portal;

/// <summary>
/// <c>Portal:Enabled</c> (default true). False makes a proxy-only instance: the AI API proxy, the telemetry ingest,
/// health, metrics and (with <c>Jobs:Enabled</c>) the background jobs, but no portal, sign-in, exports or jobs
/// dashboard. The instances that face developers' traffic then expose no admin surface and do not load the portal
/// (20–30 MB less memory each); the portal runs on another instance over the same database.
/// </summary>
internal static class PortalSwitch
{
    public const string SettingName = "Portal:Enabled";

    /// <summary>The switch, or null (with <paramref name="error"/> saying what to fix) when it is neither true nor false.</summary>
    public static bool? Read(IConfiguration configuration, out string? error) =>
        StartupSwitch.Read(configuration, SettingName, fallback: true, out error);

    /// <summary>
    /// What a proxy-only instance answers outside its own paths: a browser pointed at it (or a bookmark of the portal)
    /// learns why there is nothing here rather than seeing a bare 404.
    /// </summary>
    public static void MapProxyOnlyFallback(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapFallback("{**path}", () => Results.Text(
            $"Not found. This SpendOps instance serves the AI API proxy (/v1/{{provider}}/...), the telemetry ingest and health only ({SettingName} is false); the portal runs on another instance.\n",
            statusCode: StatusCodes.Status404NotFound));
}
