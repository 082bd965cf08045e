using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authorization;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Jobs;

/// <summary>
/// Lets only the portal's admins (<see cref="PortalPolicies.Admin"/>) into the Hangfire dashboard. The endpoint already
/// requires a signed-in user (so anonymous visitors are sent to the sign-in page); this filter turns everyone else away
/// with a plain 403, which Hangfire answers when a signed-in user fails a filter.
/// </summary>
internal sealed class PortalAdminDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        var authorization = http.RequestServices.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(http.User, PortalPolicies.Admin)).Succeeded;
    }
}
