using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Tests.Web.Components.Pages.Usage;

namespace SpendOps.Tests.Web.Components.Pages.Chargeback;

/// <summary>
/// November 2026 for the chargeback page's tests. By team and model: backend · gpt-4.1 $3.00 + $1.00 = $4.00 (proxy,
/// catalog), frontend · claude-sonnet-4-5 $2.00 (telemetry, reported), no team · gpt-4.1 $4.00 (proxy, catalog): $10.00
/// over 4 calls. October: backend · gpt-4.1 $2.00.
/// </summary>
internal static class ChargebackPageSeed
{
    public static readonly DateTimeOffset November = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);

    public static async Task AddAsync(SpendOpsDbContext db, Guid tenantId)
    {
        UsageRecord Priced(string id, decimal cost, DateTimeOffset at, string? team)
        {
            var record = UsageSeed.Record(tenantId, id, at);
            (record.CostUsd, record.CostSource, record.PricingStatus) = (cost, CostSource.Catalog, PricingStatus.Priced);
            if (team is not null)
                record.Dims = new Dictionary<string, string> { ["team"] = team };
            return record;
        }

        var telemetry = Priced("cb-frontend", 2.00m, November, "frontend");
        (telemetry.Provider, telemetry.ModelRequested, telemetry.Source, telemetry.Estimated) = ("anthropic", "claude-sonnet-4-5", UsageSource.Telemetry, true);
        (telemetry.CostSource, telemetry.PricingStatus, telemetry.ProviderCostUsd) = (CostSource.Reported, PricingStatus.Reported, 2.00m);
        await UsageSeed.AddAsync(db,
            Priced("cb-backend-1", 3.00m, November, "backend"),
            Priced("cb-backend-2", 1.00m, November.AddDays(1), "backend"),
            telemetry,
            Priced("cb-unattributed", 4.00m, November.AddDays(2), null),
            Priced("cb-october", 2.00m, November.AddMonths(-1), "backend"));
    }
}
