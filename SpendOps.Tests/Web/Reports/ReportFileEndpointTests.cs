using System.Net;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Web.Usage;

namespace SpendOps.Tests.Web.Reports;

/// <summary><c>GET /api/reports/runs/{id}/files/{format}</c>: the stored file for Finance and Admins of the run's tenant only.</summary>
public sealed class ReportFileEndpointTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static readonly byte[] Content = "dim:team,cost_usd\nbackend,2.54\n"u8.ToArray();

    [Fact]
    public async Task Download_FinanceOfTheTenant_GetsTheStoredFile()
    {
        var (tenant, runId) = await SeedAsync("files-a");
        var email = await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Finance);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/reports/runs/{runId}/files/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("monthly-2026-11-01-to-2026-11-30.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(Content, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_OtherTenantsRun_NotFound()
    {
        var (_, runId) = await SeedAsync("files-b");
        var (other, _) = await SeedAsync("files-c");
        var email = await PortalSignIn.CreateUserAsync(fixture, other, Roles.Admin);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var foreign = await client.GetAsync($"/api/reports/runs/{runId}/files/csv");
        using var missing = await client.GetAsync($"/api/reports/runs/{runId}/files/xlsx");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, missing.StatusCode));
    }

    [Fact]
    public async Task Download_Viewer_IsForbidden()
    {
        var (tenant, runId) = await SeedAsync("files-d");
        var email = await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Viewer);
        using var client = await PortalSignIn.ClientAsync(fixture, email);

        using var response = await client.GetAsync($"/api/reports/runs/{runId}/files/csv");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private async Task<(Tenant Tenant, Guid RunId)> SeedAsync(string name)
    {
        var tenant = await fixture.EnsureTenantAsync(name + "-" + Guid.NewGuid().ToString("N")[..6]);
        return (tenant, await fixture.WithDbAsync(async db =>
        {
            var schedule = new ReportSchedule { TenantId = tenant.Id, Name = "monthly", GroupBy = "dim:team", Formats = "csv", CreatedAt = DateTimeOffset.UnixEpoch };
            var run = new ReportRun
            {
                ScheduleId = schedule.Id, TenantId = tenant.Id, ScheduleName = "monthly", Status = ReportRunStatus.Succeeded, TotalUsd = 2.54m,
                PeriodStart = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), PeriodEnd = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero),
                FirstDay = new DateOnly(2026, 11, 1), EndDay = new DateOnly(2026, 12, 1), CreatedAt = DateTimeOffset.UnixEpoch,
            };
            db.ReportSchedules.Add(schedule);
            db.ReportRuns.Add(run);
            db.ReportFiles.Add(new ReportFile { RunId = run.Id, Format = "csv", FileName = "monthly-2026-11-01-to-2026-11-30.csv", ContentType = "text/csv", Content = Content });
            await db.SaveChangesAsync();
            return run.Id;
        }));
    }
}
