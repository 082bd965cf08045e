using System.Net;
using System.Text.Json;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Usage;

/// <summary><c>GET /api/usage/export</c>: role and tenant checks, filters, both formats.</summary>
public sealed class UsageExportEndpointTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private const string March = "from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z";

    [Fact]
    public async Task Export_FinanceUserOfTenantA_GetsOnlyTenantARecords()
    {
        var (tenantA, tenantB) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Finance);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/usage/export?{March}&format=jsonl");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/jsonl", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal([$"{tenantA.Name}-1", $"{tenantA.Name}-2"], lines.Select(l => l.GetProperty("request_id").GetString()).Order());
        Assert.All(lines, l => Assert.Equal(tenantA.Name, l.GetProperty("tenant").GetString()));
        Assert.DoesNotContain(lines, l => l.GetProperty("request_id").GetString()!.StartsWith(tenantB.Name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Export_CsvWithDimensionAndPricingFilter_StreamsMatchingRows()
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Finance);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        var csv = await client.GetStringAsync($"/api/usage/export?{March}&dim=team:backend&pricing=priced");

        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = rows[0].Split(',');
        Assert.Equal(2, rows.Length);
        Assert.Equal("request_id", header[0]);
        Assert.StartsWith($"{tenantA.Name}-1,", rows[1]);
        Assert.Equal("0.25", rows[1].Split(',')[Array.IndexOf(header, "cost_usd")]);
    }

    [Fact]
    public async Task Export_AdminOfTenantA_IsAllowed()
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Admin);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/usage/export?{March}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Export_Anonymous_IsChallenged()
    {
        using var client = await PortalSignIn.ClientAsync(fixture, null);

        using var response = await client.GetAsync($"/api/usage/export?{March}");

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

        using var response = await client.GetAsync($"/api/usage/export?{March}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("format=csv")]
    [InlineData("from=2026-03-01&to=2026-04-01&format=xml")]
    [InlineData("from=2026-04-01&to=2026-03-01")]
    [InlineData("from=2026-03-01&to=2026-04-01&dim=team")]
    public async Task Export_BadQuery_ReturnsValidationProblem(string query)
    {
        var (tenantA, _) = await SeedAsync();
        var email = await PortalSignIn.CreateUserAsync(fixture, tenantA, Roles.Finance);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/usage/export?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>Two new tenants: A with a priced backend record and an unpriced one, B with one record, all in March 2026.</summary>
    private async Task<(Tenant A, Tenant B)> SeedAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var a = await fixture.EnsureTenantAsync("a-" + suffix);
        var b = await fixture.EnsureTenantAsync("b-" + suffix);
        UsageRecord Record(Tenant tenant, int n, decimal? cost, params (string, string)[] dims) => new()
        {
            RequestId = $"{tenant.Name}-{n}", TenantId = tenant.Id, Timestamp = new DateTimeOffset(2026, 3, 2 + n, 12, 0, 0, TimeSpan.Zero),
            Provider = "openai", Endpoint = "chat", ModelRequested = "gpt-4.1", StatusCode = 200, UsageComplete = true,
            CostUsd = cost, PricingStatus = cost is null ? PricingStatus.Unpriced : PricingStatus.Priced,
            Dims = dims.ToDictionary(d => d.Item1, d => d.Item2),
        };
        await fixture.WithDbAsync(async db =>
        {
            foreach (var record in new[] { Record(a, 1, 0.25m, ("team", "backend")), Record(a, 2, null, ("team", "backend")), Record(b, 1, 7m, ("team", "backend")) })
            {
                record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
                db.UsageRecords.Add(record);
            }
            return await db.SaveChangesAsync();
        });
        return (a, b);
    }
}
