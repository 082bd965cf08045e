using System.Net;
using System.Net.Http.Headers;
using SpendOps.Core.Pricing;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Telemetry;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Usage;

/// <summary>A fresh tenant whose Claude Code sends one capture's whole export to a new connection, then priced as the job would.</summary>
internal static class ReportedCostScenario
{
    public static async Task<Tenant> IngestAsync(ProxyFixture fixture, ClaudeCodeCapture capture)
    {
        var tenant = await fixture.EnsureTenantAsync(PortalNames.Unique("claude"));
        CreatedTelemetryConnection connection;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            connection = await scope.ServiceProvider.GetRequiredService<TelemetryConnectionService>()
                .CreateAsync(tenant.Id, "Claude Code", TelemetrySource.ClaudeCode, "tests", CancellationToken.None);

        using var client = fixture.CreateClient();
        foreach (var export in capture.Exports)
        {
            using var content = new ByteArrayContent(export.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(export.ContentType);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{connection.EndpointPath}/v1/{export.Signal}") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", connection.FullKey);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await PriceAsync(fixture);
        return tenant;
    }

    /// <summary>One run of the pricing job (jobs are off in tests).</summary>
    public static async Task PriceAsync(ProxyFixture fixture)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PricingRunner>().RunOnceAsync(CancellationToken.None);
    }
}
