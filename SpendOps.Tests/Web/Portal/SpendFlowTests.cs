using Microsoft.Playwright;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;

namespace SpendOps.Tests.Web.Portal;

/// <summary>
/// The admin's whole story in a browser: create a key in the portal, a developer calls through the proxy, and the
/// call shows up priced on the dashboard and in the usage explorer.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class SpendFlowTests(PortalFixture fixture)
{
    [RequiresChromiumFact]
    public async Task KeyCreatedInPortal_ItsCallAppearsPricedOnDashboardAndInExplorer()
    {
        var tenant = PortalNames.Unique("acme");
        await fixture.EnsureTenantAsync(tenant);
        var admin = await fixture.CreateUserAsync($"{tenant}@example.test", Roles.Admin, tenant);
        await using var session = await fixture.SignInAsync(admin);
        var keys = await session.OpenAsync("/keys");
        await keys.Page.GetByRole(AriaRole.Button, new() { Name = "Create key", Exact = true }).First.ClickAsync();
        var dialog = keys.Page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Key name").FillAsync("payments service");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await keys.Page.GetByText("you will not see it again").WaitForAsync();
        var fullKey = await keys.Page.GetByLabel("API key", new() { Exact = true }).InputValueAsync();

        fixture.Upstream.Handler = FixtureFiles.Replay("providers/openai-chat.json");
        var response = await ProxyProbe.ChatAsync(fixture.App, fullKey, "team=payments,user=alice");
        var requestId = response.Headers.GetValues("X-ASO-Request-Id").Single();
        await fixture.WaitForUsageAsync(requestId);
        await using (var scope = fixture.App.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<PricingRunner>().RunOnceAsync(CancellationToken.None);

        // 516 uncached × $2/M + 1024 cached × $0.50/M + 12 output × $8/M = $0.00164 (gpt-4.1-2025-04-14)
        var dashboard = await session.OpenAsync("/");
        await dashboard.Page.GetByRole(AriaRole.Heading, new() { Name = "Top spend by team" }).WaitForAsync();
        var teamRow = dashboard.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "payments" });
        await Assertions.Expect(teamRow).ToContainTextAsync("$0.00164");
        await dashboard.ScreenshotAsync("dashboard-with-call");

        var explorer = await session.OpenAsync("/usage");
        await Assertions.Expect(explorer.Page.GetByText("gpt-4.1-2025-04-14").First).ToBeVisibleAsync();
        await explorer.ScreenshotAsync("explorer-with-call");

        var detail = await session.OpenAsync($"/usage/{requestId}");
        await detail.Page.GetByRole(AriaRole.Heading, new() { Name = "openai · gpt-4.1-2025-04-14" }).WaitForAsync();
        await Assertions.Expect(detail.Page.GetByText("$0.00164").First).ToBeVisibleAsync();
        await detail.ScreenshotAsync("record-detail");

        keys.AssertNoBrowserErrors();
        dashboard.AssertNoBrowserErrors();
        explorer.AssertNoBrowserErrors();
        detail.AssertNoBrowserErrors();
    }

    [RequiresChromiumFact]
    public async Task FinancePages_AtLaptopSize_RenderWithoutBrowserErrors()
    {
        var finance = await fixture.CreateUserAsync(PortalNames.Unique("finance") + "@example.test", Roles.Finance);
        await using var session = await fixture.SignInAsync(finance);
        var errors = new List<string>();

        foreach (var (path, heading) in new[] { ("/", "Dashboard"), ("/usage", "Usage"), ("/connect", "Connect"), ("/pricing", "Pricing") })
        {
            var page = await session.OpenAsync(path);
            await page.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).First.WaitForAsync();
            await page.ScreenshotAsync("finance" + path.Replace('/', '-'));
            errors.AddRange(page.Errors.Select(e => $"{path}: {e}"));
            Assert.True(page.BlazorWebSocketOpened, $"{path}: the Blazor circuit did not connect");
        }

        Assert.Empty(errors);
    }

    [RequiresChromiumFact]
    public async Task PricingAndTelemetryPages_AsAdmin_RenderWithoutBrowserErrors()
    {
        var tenant = await fixture.EnsureTenantAsync("default");
        SpendOps.Core.Telemetry.CreatedTelemetryConnection connection;
        await using (var scope = fixture.App.Services.CreateAsyncScope())
        {
            connection = await scope.ServiceProvider.GetRequiredService<SpendOps.Core.Telemetry.TelemetryConnectionService>()
                .CreateAsync(tenant.Id, PortalNames.Unique("claude team"), SpendOps.Core.Telemetry.TelemetrySource.ClaudeCode, "test", CancellationToken.None);
        }
        await using var session = await fixture.SignInAsync();
        var errors = new List<string>();

        foreach (var (path, heading) in new[]
        {
            ("/pricing", "Pricing"), ("/pricing?tab=unpriced", "Pricing"), ("/pricing?tab=checks", "Catalog checks"), ("/telemetry", "Telemetry connections"),
            ($"/telemetry/{connection.Connection.Id}", connection.Connection.Name),
        })
        {
            var page = await session.OpenAsync(path);
            await page.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).First.WaitForAsync();
            await page.ScreenshotAsync("admin" + path.Split('?')[0].Replace('/', '-'));
            errors.AddRange(page.Errors.Select(e => $"{path}: {e}"));
            Assert.True(page.BlazorWebSocketOpened, $"{path}: the Blazor circuit did not connect");
        }

        Assert.Empty(errors);
    }
}
