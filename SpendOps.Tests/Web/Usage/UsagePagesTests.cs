using System.Net;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Usage;

/// <summary>
/// The dashboard and usage pages as first served (prerendered HTML): role checks, tenant checks and the numbers
/// shown. Interaction in the browser is covered by the Playwright tests.
/// </summary>
public sealed class UsagePagesTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task RecordDetail_OwnRecord_ShowsBothCostsAndTheirDifference()
    {
        var (tenant, records) = await SeedAsync();
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Finance));

        var html = await client.GetStringAsync($"/usage/{records[0].RequestId}");

        Assert.Contains("$0.25", html, StringComparison.Ordinal);
        Assert.Contains(">$0.2<", html, StringComparison.Ordinal);
        Assert.Contains("$0.05", html, StringComparison.Ordinal);
        Assert.Contains("backend", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Record not found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordDetail_OtherTenantsRecord_ShowsNotFound()
    {
        var (_, theirs) = await SeedAsync();
        var (mine, _) = await SeedAsync();
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, mine, Roles.Finance));

        var html = await client.GetStringAsync($"/usage/{theirs[0].RequestId}");

        Assert.Contains("Record not found", html, StringComparison.Ordinal);
        Assert.DoesNotContain("$0.25", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explorer_Viewer_IsSentToAccessDenied()
    {
        var (tenant, _) = await SeedAsync();
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Viewer));

        using var response = await client.GetAsync("/usage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explorer_FilterInAddress_CarriesIntoExportLinks()
    {
        var (tenant, _) = await SeedAsync();
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Finance));

        var html = await client.GetStringAsync("/usage?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&pricing=unpriced&dim=team:backend");

        Assert.Contains("api/usage/export?from=2026-03-01T00%3A00%3A00Z&amp;to=2026-04-01T00%3A00%3A00Z&amp;dim=team%3Abackend&amp;pricing=unpriced&amp;format=csv", html, StringComparison.Ordinal);
        Assert.Contains("team=backend", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_Viewer_SeesSpendWithoutExplorerLinks()
    {
        var (tenant, _) = await SeedAsync(DateTimeOffset.UtcNow.AddSeconds(-1));
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Viewer));

        var html = await client.GetStringAsync("/");

        Assert.Contains("Month to date", html, StringComparison.Ordinal);
        Assert.Contains("$0.25", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"usage?", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_Finance_LinksUnpricedCountToFilteredExplorer()
    {
        var (tenant, _) = await SeedAsync(DateTimeOffset.UtcNow.AddSeconds(-1));
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Finance));

        var html = await client.GetStringAsync("/");

        Assert.Contains("pricing=unpriced", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_TenantWithoutUsage_TellsTheAdminWhatToDo()
    {
        var tenant = await fixture.EnsureTenantAsync("empty-" + Guid.NewGuid().ToString("N")[..8]);
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Admin));

        var html = await client.GetStringAsync("/");

        Assert.Contains("No usage recorded yet", html, StringComparison.Ordinal);
        Assert.Contains("href=\"keys\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"connect\"", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// A new tenant with a priced record ($0.25, provider says $0.20) and an unpriced one, at <paramref name="at"/>
    /// (default: March 2026). Dashboard tests seed at the host's real "now", since the host runs on the system clock.
    /// </summary>
    private async Task<(Tenant Tenant, UsageRecord[] Records)> SeedAsync(DateTimeOffset? at = null)
    {
        var tenant = await fixture.EnsureTenantAsync("pages-" + Guid.NewGuid().ToString("N")[..8]);
        var when = at ?? new DateTimeOffset(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);
        UsageRecord Record(string id, decimal? cost) => new()
        {
            RequestId = $"{tenant.Name}-{id}", TenantId = tenant.Id, Timestamp = when, Provider = "openai", Endpoint = "chat",
            ModelRequested = "gpt-4.1", StatusCode = 200, UsageComplete = true, CostUsd = cost,
            PricingStatus = cost is null ? PricingStatus.Unpriced : PricingStatus.Priced,
            Dims = new Dictionary<string, string> { ["team"] = "backend" },
        };
        var priced = Record("priced", 0.25m);
        priced.ProviderCostUsd = 0.20m;
        var records = new[] { priced, Record("unpriced", null) };
        await fixture.WithDbAsync(async db =>
        {
            foreach (var record in records)
            {
                record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
                db.UsageRecords.Add(record);
            }
            return await db.SaveChangesAsync();
        });
        return (tenant, records);
    }
}
