using Bunit;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Web.Components.Pages.Usage;

namespace SpendOps.Tests.Web.Components.Pages.Usage;

/// <summary>One usage record: where its cost came from, our arithmetic beside the reported cost, and only the user's own tenant.</summary>
public sealed class UsageRecordDetailTests : PortalComponentTests
{
    [Fact]
    public async Task Render_PricedRecordWithReportedCost_ShowsBothCostsAndTheirDifference()
    {
        var record = UsageSeed.Record(Tenant.Id, "req-priced");
        // 1,200 input × $2/M + 300 output × $8/M = $0.0024 + $0.0024 = $0.0048; the provider said $0.0045: $0.0003 apart.
        record.Tokens.InputTokens = 1200;
        record.Tokens.OutputTokens = 300;
        (record.CostUsd, record.ProviderCostUsd, record.CostSource, record.PricingStatus) = (0.0048m, 0.0045m, CostSource.Catalog, PricingStatus.Priced);
        record.Dims = new Dictionary<string, string> { ["team"] = "backend" };
        await using (var db = CreateContext())
            await UsageSeed.AddAsync(db, record);

        var page = RenderDetail("req-priced");

        page.WaitForAssertion(() => Assert.Equal("openai · gpt-4.1", page.Find("h1").TextContent.Trim()));
        Assert.Equal("$0.0048", Value(page, "Cost of record"));
        Assert.StartsWith("the price list", Value(page, "Cost from"), StringComparison.Ordinal);
        Assert.Equal("$0.0048", Value(page, "Our arithmetic (price × tokens)"));
        Assert.Equal("$0.0045", Value(page, "Reported cost"));
        Assert.Equal("$0.0003", Value(page, "Difference (catalog − reported)"));
        Assert.Equal("backend", Value(page, "team"));
        Assert.Equal("1,200", page.FindAll("tr").Single(r => r.TextContent.Contains("Input (uncached)", StringComparison.Ordinal)).QuerySelector("td")!.TextContent);
        Assert.Contains("HTTP 200", page.FindAll(".mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("priced", page.FindAll(".mud-chip").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_ReportedCostRecord_SaysTheCostIsTheReportedOneWithNoArithmetic()
    {
        var record = UsageSeed.Record(Tenant.Id, "req-reported");
        (record.Provider, record.ModelRequested, record.Source) = ("anthropic", "claude-opus-5-5", UsageSource.Telemetry);
        (record.CostUsd, record.ProviderCostUsd, record.CostSource, record.PricingStatus) = (0.0042m, 0.0042m, CostSource.Reported, PricingStatus.Reported);
        await using (var db = CreateContext())
            await UsageSeed.AddAsync(db, record);

        var page = RenderDetail("req-reported");

        page.WaitForAssertion(() => Assert.Equal("anthropic · claude-opus-5-5", page.Find("h1").TextContent.Trim()));
        Assert.Equal("$0.0042", Value(page, "Cost of record"));
        Assert.StartsWith("the cost the source reported", Value(page, "Cost from"), StringComparison.Ordinal);
        Assert.Equal("— (no price for this model at the call's time)", Value(page, "Our arithmetic (price × tokens)"));
        Assert.Equal("$0.0042", Value(page, "Reported cost"));
        Assert.Equal("— (needs both)", Value(page, "Difference (catalog − reported)"));
        Assert.Contains("reported", page.FindAll(".mud-chip").Select(c => c.TextContent.Trim()));
        Assert.Contains("telemetry", page.FindAll(".mud-chip").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public async Task Render_AnotherTenantsRecord_SaysNotFoundAndShowsNothingOfIt()
    {
        var other = new Tenant { Name = "other-" + Guid.NewGuid().ToString("N")[..6] };
        var theirs = UsageSeed.Record(other.Id, "req-theirs");
        theirs.CostUsd = 0.25m;
        await using (var db = CreateContext())
        {
            db.Tenants.Add(other);
            await db.SaveChangesAsync();
            await UsageSeed.AddAsync(db, theirs);
        }

        var page = RenderDetail("req-theirs");

        page.WaitForAssertion(() => Assert.Equal("Record not found", page.Find("h1").TextContent.Trim()));
        Assert.Contains("No usage record with this id in your tenant", page.Markup);
        Assert.DoesNotContain("$0.25", page.Markup);
        Assert.DoesNotContain("gpt-4.1", page.Markup);
    }

    private IRenderedComponent<UsageRecordDetail> RenderDetail(string requestId)
    {
        SignIn(Roles.Finance);
        RenderProviders();
        return Render<UsageRecordDetail>(p => p.Add(d => d.RequestId, requestId));
    }

    /// <summary>The text of the description-list entry with this term.</summary>
    private static string Value(IRenderedComponent<UsageRecordDetail> page, string term) =>
        page.FindAll("dt").Single(dt => dt.TextContent.Trim() == term).NextElementSibling!.TextContent.Trim();
}
