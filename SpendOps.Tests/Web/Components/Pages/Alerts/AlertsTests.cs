using Bunit;
using SpendOps.Core.Alerts;
using SpendOps.Core.Tenancy;
using AlertsPage = SpendOps.Web.Components.Pages.Alerts.Alerts;

namespace SpendOps.Tests.Web.Components.Pages.Alerts;

/// <summary>The alert history: the tenant's own alerts; admins acknowledge, Finance reads.</summary>
public sealed class AlertsTests : PortalComponentTests
{
    [Fact]
    public async Task Render_Admin_ListsOwnAlertsWithAcknowledge()
    {
        await SeedAsync();
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.Contains("80 % reached", page.Markup));
        Assert.Contains("$401.25 of $500.00", page.Markup);
        Assert.DoesNotContain("foreign", page.Markup);
        Assert.NotNull(page.Find("button[aria-label='Acknowledge alert 80 % reached of team backend']"));
    }

    [Fact]
    public async Task Render_Finance_ReadsWithoutAcknowledge()
    {
        await SeedAsync();
        SignIn(Roles.Finance);
        RenderProviders();

        var page = Render<AlertsPage>();

        page.WaitForAssertion(() => Assert.Contains("80 % reached", page.Markup));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Acknowledge");
        Assert.Contains("Not yet", page.Markup);
    }

    private async Task SeedAsync()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using var db = CreateContext();
        db.Tenants.Add(other);
        db.AlertEvents.Add(Alert(Tenant.Id, "team backend"));
        db.AlertEvents.Add(Alert(other.Id, "foreign"));
        await db.SaveChangesAsync();
    }

    private static AlertEvent Alert(Guid tenantId, string budget) => new()
    {
        TenantId = tenantId,
        BudgetName = budget,
        Kind = AlertKind.Threshold,
        ThresholdPercent = 80,
        SpendUsd = 401.25m,
        AmountUsd = 500m,
        RaisedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
    };
}
