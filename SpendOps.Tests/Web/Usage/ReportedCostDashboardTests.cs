using System.Globalization;
using Microsoft.Playwright;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Infrastructure.Browser;
using SpendOps.Tests.Proxy.Telemetry;
using SpendOps.Tests.Web.Portal;

namespace SpendOps.Tests.Web.Usage;

/// <summary>
/// The dashboard a team on today's Claude models sees: month to date equals what Claude Code reported, labelled as
/// reported, and the explorer says where each call's cost came from.
/// </summary>
[Collection(PortalCollection.Name)]
[Trait("Category", "E2E")]
public sealed class ReportedCostDashboardTests(PortalFixture fixture)
{
    // The last day of the captures' month, so their spend is this month's.
    private static readonly DateTimeOffset CaptureMonthEnd = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

    [RequiresChromiumTheory]
    [MemberData(nameof(ClaudeCodeCapture.Names), MemberType = typeof(ClaudeCodeCapture))]
    public async Task ClaudeCodeCapture_ModelWithoutPrice_MonthToDateIsTheReportedCost(string name)
    {
        var capture = ClaudeCodeCapture.Load(name);
        var tenant = await ReportedCostScenario.IngestAsync(fixture, capture);
        var admin = await fixture.CreateUserAsync(PortalNames.Email("cc-admin"), Roles.Admin, tenant.Name);
        using var stopped = fixture.App.Clock.StopAt(CaptureMonthEnd);
        await using var session = await fixture.SignInAsync(admin);

        var dashboard = await session.OpenAsync("/");
        var monthToDate = dashboard.Page.Locator(".spend-card").Filter(new() { Has = dashboard.Page.GetByRole(AriaRole.Heading, new() { Name = "Month to date" }) });
        var value = monthToDate.Locator(".spend-value");
        await value.WaitForAsync();

        var expected = capture.Expected.CostUsd;
        var exact = decimal.Parse((await value.GetAttributeAsync("title"))!.TrimStart('$'), CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(expected - exact) <= 0.000001m, $"Month to date {exact} USD, Claude Code reported {expected} USD.");
        var cents = Math.Round(expected, 2).ToString("$0.00", CultureInfo.InvariantCulture);
        await Assertions.Expect(value).ToHaveTextAsync(cents);
        await Assertions.Expect(monthToDate).ToContainTextAsync($"of which reported {cents}");
        await Assertions.Expect(dashboard.Page.Locator(".cost-origins")).ToContainTextAsync($"reported {cents}");
        await dashboard.ScreenshotAsync($"dashboard-reported-{name}");

        var explorer = await session.OpenAsync("/usage?from=2026-11-01T00:00:00Z&to=2026-12-01T00:00:00Z");
        await Assertions.Expect(explorer.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "claude-opus-5-5" }).First).ToContainTextAsync("reported");
        await Assertions.Expect(explorer.Page.GetByText("unpriced", new() { Exact = true })).ToHaveCountAsync(0);

        dashboard.AssertNoBrowserErrors();
        explorer.AssertNoBrowserErrors();
    }
}
