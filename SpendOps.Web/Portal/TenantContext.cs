using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Portal;

/// <summary>
/// The tenant of the signed-in user. Every portal query filters by it; ids from URLs are always checked
/// against it, so a user of one tenant cannot reach another tenant's data by guessing an id.
/// </summary>
public sealed class TenantContext(AuthenticationStateProvider authentication)
{
    public async Task<Guid> GetTenantIdAsync() => (await GetScopeAsync()).TenantId;

    /// <summary>Whose data the signed-in user's queries cover (<see cref="UserTenantScope"/>).</summary>
    public async Task<TenantScope> GetScopeAsync() =>
        UserTenantScope.Of(await GetUserAsync()) ?? throw new UnauthorizedAccessException("The signed-in user has no tenant.");

    public async Task<string> GetActorAsync() => (await GetUserAsync()).Identity?.Name ?? "unknown";

    public async Task<bool> IsInRoleAsync(string role) => (await GetUserAsync()).IsInRole(role);

    /// <summary>The signed-in user as the author of an administrative change.</summary>
    public async Task<AdminActor> GetAdminActorAsync()
    {
        var user = await GetUserAsync();
        var id = user.FindFirst(ClaimTypes.NameIdentifier)?.Value ?? throw new UnauthorizedAccessException("The signed-in user has no id.");
        return new AdminActor(id, user.Identity?.Name ?? id, user.IsInRole(Roles.GlobalAdmin));
    }

    public async Task<bool> IsGlobalAdminAsync() => await IsInRoleAsync(Roles.GlobalAdmin);

    private async Task<ClaimsPrincipal> GetUserAsync() => (await authentication.GetAuthenticationStateAsync()).User;
}
