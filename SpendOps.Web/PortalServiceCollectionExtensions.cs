using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Chargeback;
using SpendOps.Web.Components;
using SpendOps.Web.Components.Account;
using SpendOps.Web.Hosting;
using SpendOps.Web.Jobs;
using SpendOps.Web.Portal;
using SpendOps.Web.Reports;
using SpendOps.Web.Usage;

namespace SpendOps.Web;

public static class PortalServiceCollectionExtensions
{
    /// <summary>The Blazor portal, ASP.NET Core Identity with roles, and the first-run bootstrap.</summary>
    public static IHostApplicationBuilder AddSpendOpsPortal(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<TenantContext>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorization(PortalPolicies.Configure);

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<SpendOpsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<TenantClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        // A disabled user, a changed role or a reset password gets a new security stamp; checking it every minute
        // (instead of every 30) ends such sessions quickly. Interactive circuits revalidate as often.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = PortalSessionRevalidation.Interval);

        services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName);
        services.AddHostedService<BootstrapAdmin>();
        return builder;
    }

    /// <summary>Portal pages, Identity endpoints and the portal's export endpoints.</summary>
    public static WebApplication MapSpendOpsPortal(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapIdentityEndpoints();
        app.MapUsageExportEndpoints();
        app.MapChargebackExportEndpoints();
        app.MapReportFileEndpoints();
        return app;
    }

    /// <summary>
    /// Middleware for the portal only: the proxy's responses must stay the provider's own, so the security headers
    /// (CSP, HSTS outside development), the error page and status-code pages never touch <c>/v1</c> or the ingest API. Nor the portal's JSON API under <c>/api</c>:
    /// a 401 or 403 there must stay a 401 or 403 (with problem details), not become the HTML not-found page. Nor
    /// Hangfire's dashboard, whose 403 for a signed-in non-admin would otherwise turn into a 404.
    /// </summary>
    public static WebApplication UseSpendOpsPortal(this WebApplication app)
    {
        app.UseWhen(context => !AnswersOwnErrors(context.Request.Path), portal =>
        {
            portal.UseSpendOpsSecurityHeaders();
            if (!app.Environment.IsDevelopment())
            {
                portal.UseHsts();
                portal.UseExceptionHandler("/Error", createScopeForErrors: true);
            }
            portal.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        return app;
    }

    private static bool AnswersOwnErrors(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/api") || path.StartsWithSegments(JobsDashboardEndpoints.Path);
}
