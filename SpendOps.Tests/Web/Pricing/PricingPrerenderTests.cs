using Microsoft.Extensions.Logging;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Web.Usage;

namespace SpendOps.Tests.Web.Pricing;

/// <summary>
/// Serving a pricing tab ends with the prerendered page torn down; that must not move the address or log an unhandled
/// exception, as MudTabs reporting its panels' removal once did for every tab after the first.
/// </summary>
public sealed class PricingPrerenderTests(PricingPrerenderTests.LoggedHost fixture) : IClassFixture<PricingPrerenderTests.LoggedHost>
{
    [Fact]
    public async Task EveryTab_Admin_ServedWithoutAnUnhandledException()
    {
        var tenant = await fixture.EnsureTenantAsync("prerender-" + Guid.NewGuid().ToString("N")[..8]);
        using var client = await PortalSignIn.ClientAsync(fixture, await PortalSignIn.CreateUserAsync(fixture, tenant, Roles.Admin));

        foreach (var tab in new[] { "", "?tab=tenant", "?tab=unpriced", "?tab=tools", "?tab=checks" })
            (await client.GetAsync("/pricing" + tab)).EnsureSuccessStatusCode();
        // Kestrel finishes a response's teardown before it reads the next request on the connection.
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        Assert.DoesNotContain(fixture.Log.Warnings, line => line.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }

    public sealed class LoggedHost : ProxyFixture
    {
        public CapturedLog Log { get; } = new();

        protected override void Configure(SpendOpsAppFactory app) =>
            app.TestServices = services => services.AddSingleton<ILoggerProvider>(Log);
    }
}
