using System.Net;
using System.Text;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Observability;

/// <summary>
/// With <c>Telemetry:Otlp:Endpoint</c> set, the app's own traces reach the collector: a proxied call's server span,
/// named by its route. (Without it, no trace activity is started per call at all.)
/// </summary>
public sealed class TracesExportTests(TracesExportTests.TracedHost fixture) : IClassFixture<TracesExportTests.TracedHost>
{
    private static readonly byte[] ProxyRoute = Encoding.UTF8.GetBytes("/v1/{provider}/{**path}");

    [Fact]
    public async Task ProxiedCall_WithOtlpConfigured_ItsServerSpanReachesTheCollector()
    {
        var key = await fixture.CreateKeyAsync();
        await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(fixture.App, key.FullKey), HttpStatusCode.OK);

        try
        {
            await fixture.SpanOfTheProxyRoute.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"no span of the proxy route among {fixture.Collector.Requests.Count} requests to the collector: "
                + string.Join(", ", fixture.Collector.Requests.Select(r => r.Path).Distinct()));
        }
    }

    public sealed class TracedHost : ProxyFixture
    {
        public FakeUpstream Collector { get; private set; } = null!;

        /// <summary>Completed by the collector when a batch of spans holds one of the proxy route.</summary>
        public TaskCompletionSource SpanOfTheProxyRoute { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task InitializeAsync()
        {
            Collector = await FakeUpstream.StartAsync();
            Collector.Handler = context =>
            {
                // The collector records the request before its handler runs.
                if (Collector.Requests.Any(r => r.Path == "/v1/traces" && r.Body.AsSpan().IndexOf(ProxyRoute) >= 0))
                    SpanOfTheProxyRoute.TrySetResult();
                context.Response.ContentType = "application/x-protobuf";
                return Task.CompletedTask;
            };
            await base.InitializeAsync();
        }

        protected override void Configure(SpendOpsAppFactory app)
        {
            app.StartupSettings["Telemetry:Otlp:Endpoint"] = Collector.BaseUrl;
            // Spans are sent in batches every 5 s by default.
            app.StartupSettings["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Collector.DisposeAsync();
        }
    }
}
