using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Alerts;

/// <summary>
/// Where a notice's "open in SpendOps" link points: the alert history for budget alerts, the delivery log for tests.
/// The base is <c>Alerts:PortalUrl</c>, else <c>PublicBaseUrl</c>; with neither set, notices carry no link rather
/// than one to an address only the server itself can reach.
/// </summary>
public sealed class AlertPortalLinks(IOptionsMonitor<AlertsOptions> options, IConfiguration configuration)
{
    public string? For(AlertNotice notice)
    {
        var configured = options.CurrentValue.PortalUrl is { Length: > 0 } portal ? portal : configuration["PublicBaseUrl"];
        if (string.IsNullOrWhiteSpace(configured) || !Uri.TryCreate(configured, UriKind.Absolute, out _))
            return null;
        return configured.TrimEnd('/') + (notice.Kind == AlertKind.Test ? "/notifications" : "/alerts");
    }
}
