namespace SpendOps.Web.Portal;

/// <summary>
/// The address users and their tools reach this deployment at, for setup lines shown in the portal: the
/// <c>PublicBaseUrl</c> setting when set (a reverse proxy or load balancer in front), else the address the
/// browser uses for the portal (<c>NavigationManager.BaseUri</c>). No trailing slash.
/// </summary>
public static class PublicBaseUrl
{
    public const string SettingName = "PublicBaseUrl";

    public static string Resolve(IConfiguration configuration, string portalBaseUri)
    {
        // appsettings.json ships the key with an empty value, which must mean "not set", not "no host".
        var configured = configuration[SettingName];
        var url = string.IsNullOrWhiteSpace(configured) ? portalBaseUri : configured;
        return url.Trim().TrimEnd('/');
    }
}
