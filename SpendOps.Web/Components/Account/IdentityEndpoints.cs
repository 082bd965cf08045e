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
            // Only a path inside the portal; anything else (//host, a scheme, a backslash) goes home instead of failing.
            var safe = string.IsNullOrEmpty(returnUrl) || returnUrl.StartsWith('/') || returnUrl.Contains(':') || returnUrl.Contains('\\');
            return TypedResults.LocalRedirect(safe ? "~/" : $"~/{returnUrl}");
        });
        return account;
    }
}
