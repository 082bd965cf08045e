using Bunit;
using Microsoft.AspNetCore.Authorization;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Core.Usage;
using SpendOps.Web.Portal;
using DashboardPage = SpendOps.Web.Components.Pages.Dashboard.Dashboard;

namespace SpendOps.Tests.Web.Components.Pages.Dashboard;

/// <summary>
/// The dashboard on the records of <see cref="DashboardScenario"/>: headline cards, the period's total and its records
/// that need attention, top spend, cache hit rates and the chart, for the period the user picks; links to the explorer
/// only for roles that may open it.
/// </summary>
public sealed class DashboardTests : PortalComponentTests
{
    public DashboardTests()
    {
        Services.AddSingleton<TimeProvider>(new FixedClock(DashboardScenario.Now));
        // bunit's fake authorization knows policies only by name; the links must follow the real role rules.
        Services.AddAuthorizationCore(PortalPolicies.Configure);
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
    }

    [Fact]
    public void Render_NoCalls_TellsTheAdminHowToStart()
    {
        SignIn(Roles.Admin);
        RenderProviders();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("No usage recorded yet", page.Markup));
        Assert.NotNull(page.Find("a[href='keys']"));
        Assert.NotNull(page.Find("a[href='connect']"));
        Assert.Empty(page.FindAll("[aria-label='Period']"));
    }

    [Fact]
    public void Render_NoCalls_TellsAViewerToAskAnAdministrator()
    {
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("Ask an administrator to create an API key", page.Markup));
        Assert.Empty(page.FindAll("a[href='keys']"));
    }

    [Fact]
    public async Task Render_CallsThisMonth_HeadlineCardsShowTodayMonthAndForecast()
    {
        await SeedAsync();
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal(["$0.25", "$1.75", "$5.71"], Values(page, ".spend-card .spend-value")));
        Assert.Equal(["Spend today", "Month to date", "Month-end forecast"], page.FindAll(".spend-card h2").Select(h => h.TextContent.Trim()));
        Assert.Equal("$1.75", page.Find(".spend-card .spend-value[title]").GetAttribute("title"));
        Assert.Contains("for the 21.5 days left", page.Markup);
        Assert.Empty(page.FindAll(".reported-share"));
    }

    [Fact]
    public async Task Render_ThisMonth_PeriodTotalWithItsOriginAndTheUnpricedCall()
    {
        await SeedAsync();
        SignIn(Roles.Finance);
        RenderProviders();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal("$1.75", page.Find(".period-summary .spend-value").TextContent));
        // 3,000 cache reads of 4,500 prompt tokens (1,000 + 3,000 + 500).
        Assert.Contains("3 request(s) · cache hit rate 66.7%", page.Find(".period-summary").TextContent);
        Assert.Equal("Cost from: catalog $1.75", page.Find(".cost-origins").TextContent);
        var unpriced = page.Find(".attention-list a");
        Assert.Equal("unpriced record(s)", unpriced.TextContent);
        Assert.Contains("pricing=unpriced", unpriced.GetAttribute("href"));
        Assert.Contains("1 Mar 2026 – 31 Mar 2026 · times in UTC", page.Find(".period-note").TextContent);
    }

    [Fact]
    public async Task Render_Viewer_SeesTheCountsWithoutExplorerLinks()
    {
        await SeedAsync();
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("unpriced record(s)", page.Find(".attention-list").TextContent));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".top-spend tbody tr")));
        Assert.Empty(page.FindAll("a[href^='usage']"));
    }

    [Fact]
    public async Task Render_TeamDimension_TopSpendByTeamWithShares()
    {
        await SeedAsync();
        SignIn(Roles.Finance);
        RenderProviders();

        var page = Render<DashboardPage>();

        // research $1.50 of $1.75 = 85.7%; backend $0.25 (and the unpriced call) = 14.3%.
        page.WaitForAssertion(() => Assert.Equal("Top spend by team", page.Find(".top-spend h2").TextContent));
        page.WaitForAssertion(() => Assert.Equal(
            [["research", "1", "600", "$1.50", "85.7%"], ["backend", "2", "4,200", "$0.25", "14.3%"]],
            page.FindAll(".top-spend tbody tr").Select(Cells)));
        Assert.Equal(["Total", "3", "", "$1.75", ""], Cells(page.Find(".top-spend tfoot tr")));
        Assert.Contains("dim=team%3Aresearch", page.Find(".top-spend tbody a").GetAttribute("href"));
    }

    [Fact]
    public async Task Render_TeamDimension_CacheHitRatePerTeam()
    {
        await SeedAsync();
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<DashboardPage>();

        // backend: 3,000 cache reads of 4,000 prompt tokens; research: none of 500.
        page.WaitForAssertion(() => Assert.Equal(
            [["backend", "4,000", "3,000", "75.0%"], ["research", "500", "0", "0.0%"]],
            page.FindAll(".cache-hits tbody tr").Select(Cells)));
        Assert.Equal("Cache hit rate by team", page.Find(".cache-hits h2").TextContent);
        Assert.NotNull(page.Find(".cache-hits [role=progressbar][aria-label='backend: 75.0%']"));
    }

    [Fact]
    public async Task Render_ThisMonth_ChartDescribesSpendPerProvider()
    {
        await SeedAsync();
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Equal(
            "Spend per day: anthropic $1.50; openai $0.25",
            page.Find(".spend-chart [role=img]").GetAttribute("aria-label")));
        Assert.NotNull(page.Find(".spend-chart svg"));
    }

    [Fact]
    public async Task SplitByModel_ChartDescribesSpendPerModel()
    {
        await SeedAsync();
        SignIn(Roles.Viewer);
        RenderProviders();
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".spend-chart [role=img]")));

        await Button(page, "By model").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal(
            "Spend per day: claude-sonnet-4-5 $1.50; gpt-4.1 $0.25",
            page.Find(".spend-chart [role=img]").GetAttribute("aria-label")));
    }

    [Fact]
    public async Task Render_ThisMonth_HoursCannotBeChosenForAMonth()
    {
        await SeedAsync();
        SignIn(Roles.Viewer);
        RenderProviders();

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find(".spend-chart [role=img]")));
        Assert.True(Button(page, "Hour").HasAttribute("disabled"));
    }

    [Fact]
    public async Task PickLastMonth_CardsShowFebruary()
    {
        await SeedAsync();
        SignIn(Roles.Finance);
        RenderProviders();
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("$1.75", page.Find(".period-summary .spend-value").TextContent));

        await Button(page, "Last month").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("$5.00", page.Find(".period-summary .spend-value").TextContent));
        Assert.Contains("1 Feb 2026 – 28 Feb 2026", page.Find(".period-note").TextContent);
        page.WaitForAssertion(() => Assert.Equal([["backend", "1", "20", "$5.00", "100.0%"]], page.FindAll(".top-spend tbody tr").Select(Cells)));
        page.WaitForAssertion(() => Assert.Equal("Spend per day: openai $5.00", page.Find(".spend-chart [role=img]").GetAttribute("aria-label")));
        // The headline cards stay on today and this month whatever the period.
        Assert.Equal(["$0.25", "$1.75", "$5.71"], Values(page, ".spend-card .spend-value"));
    }

    [Fact]
    public async Task PickToday_PeriodTotalIsTodaysCallOnly()
    {
        await SeedAsync();
        SignIn(Roles.Viewer);
        RenderProviders();
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Equal("$1.75", page.Find(".period-summary .spend-value").TextContent));

        await Button(page, "Today").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Equal("$0.25", page.Find(".period-summary .spend-value").TextContent));
        Assert.Contains("10 Mar 2026 · times in UTC", page.Find(".period-note").TextContent);
        Assert.False(Button(page, "Hour").HasAttribute("disabled"));
    }

    private async Task SeedAsync()
    {
        await using var db = CreateContext();
        await DashboardScenario.SeedAsync(db, Tenant.Id);
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<DashboardPage> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text);

    private static string[] Values(IRenderedComponent<DashboardPage> page, string selector) =>
        page.FindAll(selector).Select(e => e.TextContent.Trim()).ToArray();

    private static string[] Cells(AngleSharp.Dom.IElement row) =>
        row.Children.Select(c => c.TextContent.Trim()).ToArray();
}
