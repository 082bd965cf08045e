using SpendOps.Tests.Infrastructure;
using SpendOps.Web.Health;

namespace SpendOps.Tests.Web.Health;

/// <summary>The container health check: <c>dotnet SpendOps.Web.dll healthcheck URL</c>.</summary>
public sealed class HealthProbeCommandTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task Healthcheck_RunningServer_ExitsZero()
    {
        var output = new StringWriter();

        var exit = await HealthProbeCommand.RunAsync(["healthcheck", new Uri(fixture.App.BaseAddress, "/healthz").ToString()], output);

        Assert.Equal(0, exit);
        Assert.StartsWith("200 from ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_NothingListening_ExitsOne()
    {
        var output = new StringWriter();

        var exit = await HealthProbeCommand.RunAsync(["healthcheck", "http://127.0.0.1:9/healthz"], output);

        Assert.Equal(1, exit);
        Assert.StartsWith("unreachable: http://127.0.0.1:9/healthz", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthcheck_NotAUrl_ExitsTwoWithOneLine()
    {
        var output = new StringWriter();

        var exit = await HealthProbeCommand.RunAsync(["healthcheck", "localhost"], output);

        Assert.Equal(2, exit);
        Assert.Equal("error: 'localhost' is not an http(s) URL." + Environment.NewLine, output.ToString());
    }
}
