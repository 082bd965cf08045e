using Bunit;
using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using BudgetsPage = SpendOps.Web.Components.Pages.Budgets.Budgets;

namespace SpendOps.Tests.Web.Components.Pages.Budgets;

/// <summary>The budget list: spend and share used of the tenant's own budgets; admins get the buttons, Finance reads only.</summary>
public sealed class BudgetsTests : PortalComponentTests
{
    [Fact]
    public async Task Render_Admin_ShowsSpendAndEveryAction()
    {
        await SeedAsync();
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<BudgetsPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("a[aria-label='Open budget backend']")));
        // $200 of $500 this month: 40 %.
        Assert.Contains("$200.00 · 40 %", page.Markup);
        Assert.NotNull(page.Find("[aria-label='backend: 40 % used']"));
        Assert.DoesNotContain("foreign", page.Markup);
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Create budget");
        Assert.NotNull(page.Find("button[aria-label='Edit budget backend']"));
        Assert.NotNull(page.Find("button[aria-label='Pause budget backend']"));
        Assert.NotNull(page.Find("button[aria-label='Delete budget backend']"));
    }

    [Fact]
    public async Task Render_Finance_ShowsSpendButNoEditButtons()
    {
        await SeedAsync();
        SignIn(Roles.Finance);
        RenderProviders();

        var page = Render<BudgetsPage>();

        page.WaitForAssertion(() => Assert.Contains("$200.00 · 40 %", page.Markup));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Create budget" or "Edit" or "Pause" or "Resume" or "Delete");
    }

    private async Task SeedAsync()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        var monthStart = new DateTimeOffset(DateTimeOffset.UtcNow.Year, DateTimeOffset.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
        await using var db = CreateContext();
        db.Tenants.Add(other);
        db.Budgets.Add(Budget(Tenant.Id, "backend"));
        db.Budgets.Add(Budget(other.Id, "foreign"));
        db.UsageRecords.Add(new UsageRecord
        {
            RequestId = Guid.NewGuid().ToString("N"),
            TenantId = Tenant.Id,
            Timestamp = monthStart,
            Provider = "openai",
            Endpoint = "chat",
            CostUsd = 200m,
            PricingStatus = PricingStatus.Priced,
            UsageComplete = true,
        });
        await db.SaveChangesAsync();
    }

    private static Budget Budget(Guid tenantId, string name) => new()
    {
        TenantId = tenantId,
        Name = name,
        AmountUsd = 500m,
        Period = BudgetPeriodKind.Month,
    };
}
