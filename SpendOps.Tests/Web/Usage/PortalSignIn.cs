using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Usage;

/// <summary>Creates portal users and signs them in through the real login form, for HTTP tests of portal endpoints.</summary>
internal static partial class PortalSignIn
{
    public const string Password = "Portal-Password-1";

    public static async Task<string> CreateUserAsync(ProxyFixture fixture, Tenant tenant, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@spendops.test";
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, TenantId = tenant.Id };
        Check(await users.CreateAsync(user, Password));
        Check(await users.AddToRoleAsync(user, role));
        return email;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> ClientAsync(ProxyFixture fixture, string? email)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = fixture.App.BaseAddress,
        };
        if (email is null)
            return client;

        var form = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = email,
            ["Input.Password"] = Password,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in as {email} answered {(int)response.StatusCode}, not a redirect.");
        return client;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
