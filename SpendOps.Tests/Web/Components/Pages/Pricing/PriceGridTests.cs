using Bunit;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Components.Pages.Pricing;

namespace SpendOps.Tests.Web.Components.Pages.Pricing;

/// <summary>The price grid reads one page at a time from the database, and searches there.</summary>
public sealed class PriceGridTests : PricingComponentTests
{
    [Fact]
    public async Task Render_ThirtyTenantPrices_FirstPageOfTwentyFive()
    {
        await SeedTenantPricesAsync(30);
        SignIn(Roles.Admin);
        RenderProviders();

        var grid = RenderGrid();

        grid.WaitForAssertion(() => Assert.Equal(25, Rows(grid).Count));
        Assert.Contains("1-25 of 30", grid.Markup);
    }

    [Fact]
    public async Task NextPage_ThirtyTenantPrices_ShowsTheLastFive()
    {
        await SeedTenantPricesAsync(30);
        SignIn(Roles.Admin);
        RenderProviders();
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(25, Rows(grid).Count));

        await grid.Find("button[aria-label='Next page']").ClickAsync(new());

        grid.WaitForAssertion(() => Assert.Equal(5, Rows(grid).Count));
        Assert.Contains("26-30 of 30", grid.Markup);
    }

    [Fact]
    public async Task Search_Pattern_ListsOnlyMatchingModels()
    {
        await SeedTenantPricesAsync(30);
        SignIn(Roles.Admin);
        RenderProviders();
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(25, Rows(grid).Count));

        await grid.Find("input[id='tenant-model']").ChangeAsync(new() { Value = "acme-1?" });
        await grid.Find("form").SubmitAsync();

        grid.WaitForAssertion(() => Assert.Equal(10, Rows(grid).Count));
        Assert.All(Rows(grid), r => Assert.StartsWith("acme-1", r));
    }

    [Fact]
    public async Task Search_NoMatch_SaysNoPriceMatches()
    {
        await SeedTenantPricesAsync(3);
        SignIn(Roles.Admin);
        RenderProviders();
        var grid = RenderGrid();
        grid.WaitForAssertion(() => Assert.Equal(3, Rows(grid).Count));

        await grid.Find("input[id='tenant-model']").ChangeAsync(new() { Value = "nothing-like-it" });
        await grid.Find("form").SubmitAsync();

        grid.WaitForAssertion(() => Assert.Contains("No price matches", grid.Markup));
    }

    [Fact]
    public async Task Render_OtherTenantsPrices_NotShown()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            await db.SaveChangesAsync();
        }
        await SeedPriceAsync("their-rate", 1m, 2m, other.Id);
        SignIn(Roles.Admin);
        RenderProviders();

        var grid = RenderGrid();

        grid.WaitForAssertion(() => Assert.Contains("No prices of your own", grid.Markup));
        Assert.DoesNotContain("their-rate", grid.Markup);
    }

    private IRenderedComponent<PriceGrid> RenderGrid() => Render<PriceGrid>(p => p
        .Add(g => g.Id, "tenant").Add(g => g.Label, "Your tenant's prices").Add(g => g.TenantId, Tenant.Id).Add(g => g.CanEdit, true));

    private static List<string> Rows(IRenderedComponent<PriceGrid> grid) =>
        grid.FindAll("tbody tr .model").Select(m => m.TextContent.Trim()).ToList();

    private async Task SeedTenantPricesAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await SeedPriceAsync($"acme-{i:00}", 1m + i, 2m + i, Tenant.Id);
    }
}
