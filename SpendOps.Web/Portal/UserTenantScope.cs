using System.Security.Claims;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Portal;

/// <summary>
/// The tenant scope of a signed-in user, the one rule for pages (through <see cref="TenantContext"/>) and API endpoints:
/// every user, platform admins included, works in the tenant of their account. Platform-wide views are separate,
/// named operations (the Tenants page, re-rating every tenant) that choose <see cref="TenantScope.AllTenants"/> after
/// checking <see cref="PortalPolicies.GlobalAdmin"/>.
/// </summary>
public static class UserTenantScope
{
    /// <summary>The user's scope, or null when the principal carries no tenant (the caller answers 403).</summary>
    public static TenantScope? Of(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TenantClaims.TenantId), out var id) && id != Guid.Empty ? TenantScope.Of(id) : null;
}
