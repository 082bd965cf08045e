using System.Net;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Web.Usage;

namespace SpendOps.Tests.Web.Jobs;

/// <summary><c>/jobs</c>: Hangfire's dashboard, for the portal's admins only.</summary>
public sealed class JobsDashboardTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    /// <summary>Text of the dashboard's own pages (its title is set in <c>JobsDashboardEndpoints</c>).</summary>
    private const string DashboardMarker = "SpendOps jobs";

    [Fact]
    public async Task Dashboard_Anonymous_SentToSignIn()
    {
        using var client = await PortalSignIn.ClientAsync(fixture, null);

        using var response = await client.GetAsync("/jobs");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardMarker, body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.Viewer)]
    public async Task Dashboard_SignedInNonAdmin_Forbidden(string role)
    {
        var tenant = await fixture.EnsureTenantAsync("default");
        var email = await PortalSignIn.CreateUserAsync(fixture, tenant, role);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var page = await client.GetAsync("/jobs");
        using var recurring = await client.GetAsync("/jobs/recurring");
        using var stats = await client.PostAsync("/jobs/stats", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain(DashboardMarker, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, recurring.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stats.StatusCode);
    }

    [Fact]
    public async Task Dashboard_Admin_GetsTheDashboard()
    {
        var tenant = await fixture.EnsureTenantAsync("default");
        var email = await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Admin);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync("/jobs");
        var body = await response.Content.ReadAsStringAsync();
        var recurring = await client.GetStringAsync("/jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(DashboardMarker, body, StringComparison.Ordinal);
        Assert.Contains("Recurring Jobs", recurring, StringComparison.Ordinal);
        // The storage line would show the database connection string.
        Assert.DoesNotContain(fixture.Database.ConnectionString, body, StringComparison.Ordinal);
    }
}
