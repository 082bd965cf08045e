using System.Net;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Chargeback;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Web.Usage;

namespace SpendOps.Tests.Web.Chargeback;

/// <summary><c>GET /api/chargeback/export</c>: sign-in, role and tenant checks, and each format's content type, file name and totals.</summary>
public sealed class ChargebackExportEndpointTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const string MarchByTeam = "period=2026-03&by=dim:team";

    [Fact]
    public async Task Csv_FinanceUserOfTenantA_GetsOnlyTenantASpend()
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Finance);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/chargeback/export?{MarchByTeam}&format=csv");
        var csv = CsvTable.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("chargeback-2026-03.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        // Tenant B's $7.00 on backend is not there: backend is A's $0.25 alone.
        Assert.Equal([("frontend", 0.50m), ("backend", 0.25m), ("Total", 0.75m)], csv.Rows.Select(r => (r["dim:team"], FocusFileRules.Decimal(r["cost_usd"]))));
    }

    [Fact]
    public async Task Xlsx_AdminOfTenantA_IsAWorkbookWhoseSummaryTotalsTenantA()
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Admin);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/chargeback/export?{MarchByTeam}&format=xlsx");
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var book = new XlsxReadBack(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("chargeback-2026-03.xlsx", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(0.75, book.Table("Summary")[^1]["Cost USD"].Number!.Value, 9);
        Assert.Equal(2, book.Table("Calls").Count);
    }

    [Fact]
    public async Task Focus_QuarterOfTenantA_BillsTenantASpendOnly()
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Finance);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync("/api/chargeback/export?period=2026-Q1&by=dim:team&format=focus");
        var focus = CsvTable.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("chargeback-2026-Q1-focus.csv", response.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Equal(0.75m, focus.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));
    }

    [Fact]
    public async Task Export_Anonymous_IsChallenged()
    {
        using var client = await PortalSignIn.ClientAsync(fixture, null);

        using var response = await client.GetAsync($"/api/chargeback/export?{MarchByTeam}&format=csv");

        Assert.True(
            response.StatusCode == HttpStatusCode.Unauthorized
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/Login", StringComparison.Ordinal)),
            $"Expected 401 or a redirect to sign in, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Export_Viewer_IsForbidden()
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Viewer);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/chargeback/export?{MarchByTeam}&format=csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("period=2026-03&format=pdf")]
    [InlineData("period=2026-13&format=csv")]
    [InlineData("from=2026-04-01&to=2026-03-01")]
    [InlineData("period=2026-03&by=colour")]
    [InlineData("period=2026-03&allocate=everyone")]
    public async Task Export_BadQuery_ReturnsValidationProblem(string query)
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Finance);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/chargeback/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Two new tenants in March 2026: A with $0.25 on backend and $0.50 on frontend, B with $7.00 on backend.</summary>
    private async Task<(Tenant A, Tenant B)> SeedAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var a = await fixture.EnsureTenantAsync("cba-" + suffix);
        var b = await fixture.EnsureTenantAsync("cbb-" + suffix);
        UsageRecord Record(Tenant tenant, int n, decimal cost, string team) => new()
        {
            RequestId = $"{tenant.Name}-{n}", TenantId = tenant.Id, Timestamp = new DateTimeOffset(2026, 3, 2 + n, 12, 0, 0, TimeSpan.Zero),
            Provider = "openai", Endpoint = "chat", ModelRequested = "gpt-4.1", StatusCode = 200, UsageComplete = true,
            CostUsd = cost, CostSource = CostSource.Catalog, PricingStatus = PricingStatus.Priced,
            Dims = new Dictionary<string, string> { ["team"] = team },
        };
        await fixture.WithDbAsync(async db =>
        {
            foreach (var record in new[] { Record(a, 1, 0.25m, "backend"), Record(a, 2, 0.50m, "frontend"), Record(b, 1, 7m, "backend") })
            {
                record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
                db.UsageRecords.Add(record);
            }
            return await db.SaveChangesAsync();
        });
        return (a, b);
    }
}
