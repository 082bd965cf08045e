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
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("192.0.2.9", false)]
    public void Scraping_IsForLoopbackAndTheConfiguredNetworks(string caller, bool allowed) =>
        Assert.Equal(allowed, ObservabilityServiceCollectionExtensions.MayScrape(IPAddress.Parse(caller), ["10.0.0.0/8"]));
}
