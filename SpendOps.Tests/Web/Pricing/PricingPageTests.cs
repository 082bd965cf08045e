using System.Net;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Web.Usage;

namespace SpendOps.Tests.Web.Pricing;

/// <summary>
/// The pricing page as first served (prerendered HTML), signed in through the real login form: who sees it, who
/// gets edit controls, and whose unpriced models are listed. Dialogs and uploads are covered by browser tests.
/// </summary>
public sealed class PricingPageTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Pricing_Finance_SeesCatalogWithoutEditControls()
    {
        var tenant = await NewTenantAsync();
        await SeedUnpricedAsync(tenant, "finance-model");
        using var client = await SignInAsync(tenant, Roles.Finance);

        var catalog = await client.GetStringAsync("/pricing");
        var own = await client.GetStringAsync("/pricing?tab=tenant");
        var unpriced = await client.GetStringAsync("/pricing?tab=unpriced");
        var tools = await client.GetStringAsync("/pricing?tab=tools");
        var checks = await client.GetStringAsync("/pricing?tab=checks");

        Assert.Contains("aria-label=\"Catalog prices\"", catalog, StringComparison.Ordinal);
        Assert.Contains("claude-", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain(">Add price<", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain("New version of", catalog, StringComparison.Ordinal);
        Assert.DoesNotContain(">Add tenant price<", own, StringComparison.Ordinal);
        Assert.DoesNotContain(">Add discount<", own, StringComparison.Ordinal);
        Assert.Contains("finance-model", unpriced, StringComparison.Ordinal);
        Assert.DoesNotContain("Add a price for", unpriced, StringComparison.Ordinal);
        Assert.DoesNotContain("Import and re-rate", tools, StringComparison.Ordinal);
        Assert.DoesNotContain("Re-rate a period", tools, StringComparison.Ordinal);
        Assert.DoesNotContain("Catalog checks", checks, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Catalog prices\"", checks, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChecksTab_Admin_ListsCorrectionsOfTheSeededCatalogAndWhatIsLeftForReview()
    {
        var tenant = await NewTenantAsync();
        using var client = await SignInAsync(tenant, Roles.Admin);

        var html = await client.GetStringAsync("/pricing?tab=checks");

        Assert.Contains("aria-label=\"Corrected catalog rates\"", html, StringComparison.Ordinal);
        Assert.Contains("anthropic · claude-3-haiku-20240307", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("Anthropic: 1-hour cache write = 2 × input ($0.25) = $0.50", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("prices rerate --from DATE --to DATE --model MODEL", html, StringComparison.Ordinal);
        Assert.Contains("aria-label=\"Catalog rates left for review\"", html, StringComparison.Ordinal);
        Assert.Contains("openai · gpt-5-nano (priority)", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pricing_Viewer_IsSentToAccessDenied()
    {
        var tenant = await NewTenantAsync();
        using var client = await SignInAsync(tenant, Roles.Viewer);

        using var response = await client.GetAsync("/pricing");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pricing_SignedOut_IsSentToLogin()
    {
        using var client = await PortalSignIn.ClientAsync(fixture, null);

        using var response = await client.GetAsync("/pricing");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnpricedTab_Admin_ListsModelSeededInUsageWithAddPrice()
    {
        var tenant = await NewTenantAsync();
        var model = await SeedUnpricedAsync(tenant, "acme-unpriced");
        using var client = await SignInAsync(tenant, Roles.Admin);

        var html = await client.GetStringAsync("/pricing?tab=unpriced");

        Assert.Contains(model, html, StringComparison.Ordinal);
        Assert.Contains($"Add a price for openai {model}", html, StringComparison.Ordinal);
        Assert.Contains("Unpriced models (1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnpricedTab_OtherTenantsModel_NotListed()
    {
        var theirs = await NewTenantAsync();
        var theirModel = await SeedUnpricedAsync(theirs, "their-unpriced");
        var mine = await NewTenantAsync();
        using var client = await SignInAsync(mine, Roles.Admin);

        var html = await client.GetStringAsync("/pricing?tab=unpriced");

        Assert.DoesNotContain(theirModel, html, StringComparison.Ordinal);
        Assert.Contains("Every call has a price", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pricing_Admin_EditsTenantPricesButNotTheSharedCatalog()
    {
        var tenant = await NewTenantAsync();
        using var client = await SignInAsync(tenant, Roles.Admin);

        var catalog = await client.GetStringAsync("/pricing");
        var own = await client.GetStringAsync("/pricing?tab=tenant");
        var tools = await client.GetStringAsync("/pricing?tab=tools");

        Assert.DoesNotContain("New version of", catalog, StringComparison.Ordinal);
        Assert.Contains("a global administrator changes them", catalog, StringComparison.Ordinal);
        Assert.Contains(">Add tenant price<", own, StringComparison.Ordinal);
        Assert.Contains(">Add discount<", own, StringComparison.Ordinal);
        Assert.Contains("No prices of your own", own, StringComparison.Ordinal);
        Assert.Contains("Re-rate a period", tools, StringComparison.Ordinal);
        Assert.Contains("only a global administrator can do it", tools, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"file\"", tools, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pricing_GlobalAdmin_GetsCatalogEditImportAndRerate()
    {
        var tenant = await NewTenantAsync();
        using var client = await SignInAsync(tenant, Roles.GlobalAdmin);

        var catalog = await client.GetStringAsync("/pricing");
        var tools = await client.GetStringAsync("/pricing?tab=tools");

        Assert.Contains(">Add price<", catalog, StringComparison.Ordinal);
        Assert.Contains("New version of", catalog, StringComparison.Ordinal);
        Assert.Contains("type=\"file\"", tools, StringComparison.Ordinal);
        Assert.Contains("Preview re-rate", tools, StringComparison.Ordinal);
        Assert.Contains("All tenants", tools, StringComparison.Ordinal);
    }

    private Task<Tenant> NewTenantAsync() => fixture.EnsureTenantAsync("pricing-" + Guid.NewGuid().ToString("N")[..8]);

    private async Task<HttpClient> SignInAsync(Tenant tenant, string role) =>
        await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, role));

    /// <summary>An unpriced call of a model no price exists for (the pricing job is off in tests); returns the model.</summary>
    private async Task<string> SeedUnpricedAsync(Tenant tenant, string prefix)
    {
        var model = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        await fixture.WithDbAsync(db =>
        {
            db.UsageRecords.Add(new UsageRecord
            {
                RequestId = $"{tenant.Name}-{model}", TenantId = tenant.Id, Timestamp = new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero),
                Provider = "openai", Endpoint = "chat", ModelRequested = model, StatusCode = 200, UsageComplete = true,
                PricingStatus = PricingStatus.Unpriced, Tokens = new TokenCounts { InputTokens = 100 },
            });
            return db.SaveChangesAsync();
        });
        return model;
    }
}
