using Bunit;
using Microsoft.AspNetCore.Authorization;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Layout;
using SpendOps.Web.Portal;

namespace SpendOps.Tests.Web.Components.Layout;

/// <summary>The menu shows each role the pages its policy allows, evaluated with the portal's real policies.</summary>
public sealed class NavMenuTests : PortalComponentTests
{
    public NavMenuTests()
    {
        // bunit's fake authorization knows policies only by name; the menu must be checked against the real role rules.
        Services.AddAuthorizationCore(PortalPolicies.Configure);
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
    }

    [Fact]
    public void Render_Finance_UsageAndPricingButNoAdminPages()
    {
        SignIn(Roles.Finance);

        var links = MenuTexts(Render<NavMenu>());

        Assert.Equal(["Dashboard", "Connect", "Usage", "Chargeback", "Reports", "Budgets", "Alerts", "Pricing", "Account"], links);
    }

    [Fact]
    public void Render_Admin_KeysUsersAuditJobsButNoTenants()
    {
        SignIn(Roles.Admin);

        var links = MenuTexts(Render<NavMenu>());

        Assert.Equal(["Dashboard", "Connect", "Usage", "Chargeback", "Reports", "API keys", "Telemetry", "Users", "Audit log", "Notifications", "Settings", "Jobs", "Budgets", "Alerts", "Pricing", "Account"], links);
    }

    [Fact]
    public void Render_GlobalAdmin_AlsoTenants()
    {
        SignIn(Roles.Admin, Roles.GlobalAdmin);

        var links = MenuTexts(Render<NavMenu>());

        Assert.Contains("Tenants", links);
    }

    [Fact]
    public void Render_Viewer_OnlyDashboardConnectAndAccount()
    {
        SignIn(Roles.Viewer);

        var links = MenuTexts(Render<NavMenu>());

        Assert.Equal(["Dashboard", "Connect", "Account"], links);
    }

    private static List<string> MenuTexts(IRenderedComponent<NavMenu> menu) =>
        menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToList();
}
