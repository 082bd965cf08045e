using SpendOps.Core.Budgets;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>
/// One seeded March (UTC) and the spend of budgets of many scopes over it, every expected sum added up by hand from the
/// records in <see cref="SeedAsync"/>. Asked budget by budget (<see cref="BudgetSpendTests"/>) and all at once
/// (<see cref="BudgetSpendBatchScenarios"/>).
/// </summary>
public static class BudgetSpendMarch
{
    public static readonly BudgetPeriod Period = new(
        new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero), new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31));

    /// <summary>Expected spend, expected unpriced calls, scope terms.</summary>
    public static TheoryData<double, int, string[]> Cases => new()
    {
        // team=backend: 10.00 (proxy, key k1) + 2.50 (reported cost) + 3.00 (telemetry); not the superseded 4.00, not February
        // or April, not the other tenant; the unpriced call is counted apart.
        { 15.50, 1, ["dim:team=backend"] },
        // The whole tenant adds team=data (100.00) and the call without dimensions (7.00).
        { 122.50, 1, [] },
        // Values of one name are alternatives.
        { 115.50, 1, ["dim:team=backend", "dim:team=data"] },
        // Different names must all match: nothing has team=data and env=prod; only the 10.00 call has team=backend and env=prod.
        { 0, 0, ["dim:team=data", "dim:env=prod"] },
        { 10.00, 0, ["dim:team=backend", "dim:env=prod"] },
        { 10.00, 0, ["dim:env=prod"] },
        // anthropic: 2.50 (proxy, reported cost) + 3.00 (telemetry).
        { 5.50, 0, ["dim:team=backend", "provider:anthropic"] },
        { 2.50, 0, ["dim:team=backend", "provider:anthropic", "source:proxy"] },
        { 12.50, 1, ["dim:team=backend", "source:proxy"] },
        { 3.00, 0, ["source:telemetry"] },
        { 15.50, 1, ["dim:team=backend", "source:proxy", "source:telemetry"] },
        // openai: 10.00 + 100.00 + 7.00 and the unpriced call.
        { 117.00, 1, ["provider:openai"] },
        // Patterns match case-insensitively, by the reported or the requested model: 2.50 (claude-sonnet-4-5) + 3.00 (telemetry claude-opus-4-1).
        { 5.50, 0, ["model:CLAUDE-*"] },
        { 3.00, 0, ["model:claude-opus-4-?"] },
        // The call requested as gpt-4.1 and reported as gpt-4.1-2025-04-14 matches either name.
        { 10.00, 0, ["model:gpt-4.1-2025-*"] },
        { 10.00, 0, ["key:k1"] },
        { 119.50, 1, ["key:k1", "key:k2"] },
        // k2 with team=backend: 2.50 and the unpriced call; k2's anthropic calls: 2.50.
        { 2.50, 1, ["key:k2", "dim:team=backend"] },
        { 2.50, 0, ["key:k2", "model:claude-*"] },
    };

    /// <summary>The records of a new tenant (returned) and of another one, around and in March.</summary>
    public static async Task<Guid> SeedAsync(UsageDatabaseFixture fixture)
    {
        var seed = UsageSeed.NewTenant();
        var other = UsageSeed.NewTenant();
        var backend = ("team", "backend");

        var measured = seed.Record("2026-03-02T10:00:00Z", 10.00m, "openai", "gpt-4.1", backend, ("env", "prod"));
        measured.ApiKeyId = "k1";
        measured.ModelReported = "gpt-4.1-2025-04-14";
        var reported = seed.Record("2026-03-03T10:00:00Z", 2.50m, "anthropic", "claude-sonnet-4-5", backend);
        reported.ApiKeyId = "k2";
        reported.PricingStatus = PricingStatus.Reported;
        reported.CostSource = CostSource.Reported;
        reported.ProviderCostUsd = 2.50m;
        var superseded = Telemetry(seed.Record("2026-03-04T10:00:00Z", 4.00m, "anthropic", "claude-opus-4-1", backend));
        superseded.Superseded = true;
        var estimated = Telemetry(seed.Record("2026-03-04T11:00:00Z", 3.00m, "anthropic", "claude-opus-4-1", backend));
        var data = seed.Record("2026-03-05T10:00:00Z", 100.00m, "openai", "gpt-4.1", ("team", "data"));
        data.ApiKeyId = "k2";
        var unattributed = seed.Record("2026-03-05T11:00:00Z", 7.00m, "openai", "gpt-4.1");
        unattributed.ApiKeyId = "k2";
        var unpriced = seed.Record("2026-03-06T10:00:00Z", null, "openai", "gpt-5-preview", backend);
        unpriced.ApiKeyId = "k2";

        await fixture.AddAsync(
            measured, reported, superseded, estimated, data, unattributed, unpriced,
            seed.Record("2026-02-28T23:59:59Z", 50.00m, "openai", "gpt-4.1", backend),
            seed.Record("2026-04-01T00:00:00Z", 60.00m, "openai", "gpt-4.1", backend),
            other.Record("2026-03-10T10:00:00Z", 1000.00m, "openai", "gpt-4.1", backend));
        return seed.TenantId;
    }

    private static UsageRecord Telemetry(UsageRecord record)
    {
        record.Source = UsageSource.Telemetry;
        record.Estimated = true;
        return record;
    }
}
