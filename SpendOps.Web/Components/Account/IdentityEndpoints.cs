using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Components.Account;

internal static class IdentityEndpoints
{
    /// <summary>Endpoints the Identity Razor components post to (sign-out needs a real HTTP response to clear the cookie).</summary>
    public static IEndpointConventionBuilder MapIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async ([FromServices] SignInManager<ApplicationUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect($"~/{returnUrl}");
        });
        return account;
    }
}
