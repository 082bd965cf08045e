using SpendOps.Core.Tenancy;
using SpendOps.Web.Portal;

namespace SpendOps.Web.Components.Pages.Budgets;

/// <summary>
/// Admins manage budgets and acknowledge alerts; Finance reads them. The pages hide the buttons, and every change checks
/// again here, because a hidden button is not a permission.
/// </summary>
internal static class BudgetAccess
{
    public static async Task<bool> CanManageAsync(TenantContext tenant) =>
        await tenant.IsInRoleAsync(Roles.Admin) || await tenant.IsGlobalAdminAsync();
}
