using Microsoft.AspNetCore.Authorization;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Portal;

/// <summary>The portal's authorization policies, declared once. Every page requires at least a signed-in user.</summary>
public static class PortalPolicies
{
    /// <summary>Keys, policies, users, connections: Admins (and global admins).</summary>
    public const string Admin = "Admin";

    /// <summary>Usage explorer, pricing, exports: Finance and Admins.</summary>
    public const string Finance = "Finance";

    /// <summary>Tenants: global admins only.</summary>
    public const string GlobalAdmin = "GlobalAdmin";

    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin, Roles.GlobalAdmin));
        options.AddPolicy(Finance, p => p.RequireRole(Roles.Admin, Roles.Finance, Roles.GlobalAdmin));
        options.AddPolicy(GlobalAdmin, p => p.RequireRole(Roles.GlobalAdmin));
    }
}
