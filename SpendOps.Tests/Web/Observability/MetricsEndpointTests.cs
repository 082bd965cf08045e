using System.Net;
using SpendOps.Tests.Infrastructure;
using SpendOps.Web.Observability;

namespace SpendOps.Tests.Web.Observability;

public sealed class MetricsEndpointTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Metrics_AfterAProxiedCall_ShowsRequestsQueueAndAddedLatency()
    {
        var key = await fixture.CreateKeyAsync();
        await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(fixture.App, key.FullKey), HttpStatusCode.OK);
        using var client = fixture.CreateClient();

        using var response = await client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("spendops_proxy_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("provider=\"openai\"", text, StringComparison.Ordinal);
        Assert.Contains("spendops_usage_queue_length", text, StringComparison.Ordinal);
        Assert.Contains("spendops_proxy_added_latency_seconds_bucket{", text, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration_seconds", text, StringComparison.Ordinal);
        Assert.Contains("http_client_request_duration_seconds", text, StringComparison.Ordinal);
        // Meters that record several measurements per proxied call are left out unless asked for.
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", text, StringComparison.Ordinal);
        Assert.DoesNotContain("http_client_open_connections", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("192.0.2.9", false)]
    public void Scraping_IsForLoopbackAndTheConfiguredNetworks(string caller, bool allowed) =>
        Assert.Equal(allowed, ObservabilityServiceCollectionExtensions.MayScrape(IPAddress.Parse(caller), ["10.0.0.0/8"]));

    [Fact]
    public async Task Metrics_WithAnAdditionalMeter_ExportsIt()
    {
        await using var routed = new RoutingMetersFixture();
        await routed.InitializeAsync();
        var key = await routed.CreateKeyAsync();
        await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(routed.App, key.FullKey), HttpStatusCode.OK);
        using var client = routed.CreateClient();

        var text = await client.GetStringAsync("/metrics");

        Assert.Contains("aspnetcore_routing_match_attempts", text, StringComparison.Ordinal);
    }

    private sealed class RoutingMetersFixture : ProxyFixture, IAsyncDisposable
    {
        protected override void Configure(SpendOpsAppFactory app) =>
            app.StartupSettings["Metrics:AdditionalMeters:0"] = "Microsoft.AspNetCore.Routing";

        async ValueTask IAsyncDisposable.DisposeAsync() => await DisposeAsync();
    }
}
