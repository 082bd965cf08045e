using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Web.Components.Pages.Dashboard;

/// <summary>
/// A tenant's March 2026 seen on the 10th at noon (UTC): the records every dashboard test starts from, with the
/// amounts a user should see worked out by hand beside them.
/// </summary>
internal static class DashboardScenario
{
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// This month: backend's gpt-4.1 call today ($0.25; 1,000 uncached + 3,000 cached prompt tokens, 200 output),
    /// research's Claude call on the 2nd ($1.50; 500 uncached prompt tokens, 100 output) and an unpriced backend call on
    /// the 5th. Last month: one $5.00 call. Month to date $1.75 in 9.5 days; the forecast adds that rate for the 21.5
    /// days left: 1.75 × 31 / 9.5 = $5.71.
    /// </summary>
    public static async Task SeedAsync(SpendOpsDbContext db, Guid tenantId)
    {
        db.UsageRecords.AddRange(
            Record(tenantId, "today", Now.AddHours(-3), "openai", "gpt-4.1", 0.25m, "backend", input: 1_000, cacheRead: 3_000, output: 200),
            Record(tenantId, "second", new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), "anthropic", "claude-sonnet-4-5", 1.50m, "research", input: 500, cacheRead: 0, output: 100),
            Record(tenantId, "unpriced", new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.Zero), "openai", "gpt-4.1", null, "backend", input: 0, cacheRead: 0, output: 0),
            Record(tenantId, "february", new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero), "openai", "gpt-4.1", 5.00m, "backend", input: 10, cacheRead: 0, output: 10));
        await db.SaveChangesAsync();
    }

    private static UsageRecord Record(
        Guid tenantId, string id, DateTimeOffset at, string provider, string model, decimal? cost, string team, long input, long cacheRead, long output) => new()
    {
        RequestId = $"{tenantId:N}-{id}",
        TenantId = tenantId,
        Timestamp = at,
        Provider = provider,
        Endpoint = "chat",
        ModelRequested = model,
        StatusCode = 200,
        UsageComplete = true,
        CostUsd = cost,
        CostSource = cost is null ? null : CostSource.Catalog,
        PricingStatus = cost is null ? PricingStatus.Unpriced : PricingStatus.Priced,
        Tokens = new TokenCounts { InputTokens = input, CacheReadTokens = cacheRead, OutputTokens = output },
        Dims = new Dictionary<string, string> { ["team"] = team },
        DimensionRows = [new UsageDimension { Name = "team", Value = team }],
    };
}
