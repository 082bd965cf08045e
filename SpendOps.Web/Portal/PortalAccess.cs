using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace SpendOps.Web.Portal;

/// <summary>
/// Checks a policy for the signed-in user from inside a component. Pages hide controls the user may not use; the
/// handlers behind them check again before changing anything, since hiding a button is not authorization.
/// </summary>
public static class PortalAccess
{
    public static async Task<bool> AllowsAsync(this IAuthorizationService authorization, AuthenticationStateProvider authentication, string policy)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return (await authorization.AuthorizeAsync(state.User, policy)).Succeeded;
    }
}
