using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>
/// A tenant (UTC) with November 2026 spend of every kind a chargeback must reconcile: attributed and unattributed,
/// a catalog price with a tenant discount, the tenant's own price, a cost reported by the provider, a telemetry estimate (and a superseded
/// one), a record re-rated from its reported cost to a price added later, an unpriced call, and spend just outside the
/// month on both sides. The expected numbers below are worked out by hand from these records.
/// </summary>
/// <remarks>
/// November, cost of record: cb-1 0.54 (gpt-4.1 100k in × $2/M + 50k out × $8/M = 0.60, less 10%), cb-2 2.00,
/// cb-3 0.75 (provider said 0.80), cb-4 0.30 (reported), cb-5 0.40 (telemetry, reported), cb-7 0.30 (re-rated from a
/// reported 0.90 to the tenant's price: 50k in × $2/M + 25k out × $8/M), cb-8 unpriced: total 4.29 over 7 calls. October: cb-9 1.00.
/// Left out: cb-6 (superseded, 5.00), cb-10 (1 December 00:00, 9.00).
/// </remarks>
internal sealed record ChargebackSeed(Guid TenantId, string TenantName, long CatalogPriceId, long TenantPriceId)
{
    public const decimal Total = 4.29m;
    public const decimal Backend = 0.54m + 2.00m;
    public const decimal Frontend = 0.75m + 0.30m;
    public const decimal Unattributed = 0.30m + 0.40m;
    public const decimal PreviousBackend = 1.00m;

    public static async Task<ChargebackSeed> CreateAsync(Func<SpendOpsDbContext> contexts, string tenantName)
    {
        await using var db = contexts();
        var tenant = new Tenant { Name = tenantName, TimeZone = "UTC" };
        db.Tenants.Add(tenant);
        var price = new ModelPrice
        {
            TenantId = tenant.Id, Provider = "openai", ModelKey = "gpt-4.1", EffectiveFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            InputPerMTok = 2m, OutputPerMTok = 8m, Source = PriceSource.Manual, CreatedBy = "test",
        };
        // The catalog price cb-1 was rated with; the tenant's own price above (same rates) is what the re-rate finds.
        var catalog = new ModelPrice
        {
            Provider = "openai", ModelKey = "gpt-4.1", EffectiveFrom = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero),
            InputPerMTok = 2m, OutputPerMTok = 8m, Source = PriceSource.Catalog, CreatedBy = "test",
        };
        db.ModelPrices.AddRange(price, catalog);
        await db.SaveChangesAsync();

        UsageRecord Record(string id, string utc, decimal? cost, string provider, string model, params (string Name, string Value)[] dims) => new()
        {
            RequestId = $"{tenantName}-{id}", TenantId = tenant.Id, Timestamp = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
            Provider = provider, Endpoint = "chat", ModelRequested = model, StatusCode = 200, UsageComplete = true,
            CostUsd = cost, CostSource = cost is null ? null : CostSource.Catalog,
            PricingStatus = cost is null ? PricingStatus.Unpriced : PricingStatus.Priced,
            Dims = dims.ToDictionary(d => d.Name, d => d.Value),
        };

        var discounted = Record("cb-1", "2026-11-03T10:15:00Z", 0.54m, "openai", "gpt-4.1", ("team", "backend"));
        (discounted.ApiKeyId, discounted.PriceId, discounted.Tokens.InputTokens, discounted.Tokens.OutputTokens) = ("k-backend", catalog.Id, 100_000, 50_000);
        var claude = Record("cb-2", "2026-11-10T08:00:00Z", 2.00m, "anthropic", "claude-sonnet-4-5", ("team", "backend"));
        (claude.ApiKeyId, claude.ModelReported, claude.Tokens.InputTokens, claude.Tokens.OutputTokens) = ("k-backend", "claude-sonnet-4-5-20250929", 1000, 500);
        var compared = Record("cb-3", "2026-11-30T23:59:59Z", 0.75m, "openai", "gpt-4.1", ("team", "frontend"));
        (compared.ApiKeyId, compared.ProviderCostUsd, compared.Tokens.InputTokens, compared.Tokens.OutputTokens) = ("k-frontend", 0.80m, 10, 10);
        var reported = Record("cb-4", "2026-11-01T00:00:00Z", 0.30m, "openrouter", "mistral-large");
        (reported.ApiKeyId, reported.ProviderCostUsd, reported.CostSource, reported.PricingStatus) = ("k-shared", 0.30m, CostSource.Reported, PricingStatus.Reported);
        (reported.Tokens.InputTokens, reported.Tokens.OutputTokens) = (300, 100);
        var telemetry = Record("cb-5", "2026-11-12T09:00:00Z", 0.40m, "anthropic", "claude-sonnet-4-5", ("user.id", "u-1"));
        (telemetry.ModelReported, telemetry.Source, telemetry.Estimated, telemetry.ProviderCostUsd) = ("claude-sonnet-4-5-20250929", UsageSource.Telemetry, true, 0.40m);
        (telemetry.CostSource, telemetry.PricingStatus, telemetry.Tokens.InputTokens, telemetry.Tokens.OutputTokens) = (CostSource.Reported, PricingStatus.Reported, 2000, 1000);
        var superseded = Record("cb-6", "2026-11-12T09:00:01Z", 5.00m, "anthropic", "claude-sonnet-4-5", ("team", "backend"));
        (superseded.Source, superseded.Estimated, superseded.Superseded) = (UsageSource.Telemetry, true, true);
        // Recorded at the cost the provider reported, before a price was known; re-rated below.
        var rerated = Record("cb-7", "2026-11-20T12:00:00Z", 0.90m, "openai", "gpt-4.1", ("team", "frontend"));
        (rerated.ApiKeyId, rerated.ProviderCostUsd, rerated.CostSource, rerated.PricingStatus) = ("k-frontend", 0.90m, CostSource.Reported, PricingStatus.Reported);
        (rerated.Tokens.InputTokens, rerated.Tokens.OutputTokens) = (50_000, 25_000);
        var unpriced = Record("cb-8", "2026-11-21T00:00:00Z", null, "openai", "gpt-4.1", ("team", "backend"));
        unpriced.ApiKeyId = "k-backend";
        var october = Record("cb-9", "2026-10-15T00:00:00Z", 1.00m, "openai", "gpt-4.1", ("team", "backend"));
        var december = Record("cb-10", "2026-12-01T00:00:00Z", 9.00m, "openai", "gpt-4.1", ("team", "backend"));

        foreach (var record in new[] { discounted, claude, compared, reported, telemetry, superseded, rerated, unpriced, october, december })
        {
            record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
            db.UsageRecords.Add(record);
        }
        await db.SaveChangesAsync();

        // Re-rated within November: a change inside the exported period is no correction, the call is simply at its new cost.
        var clock = new TestClock();
        using var stopped = clock.StopAt(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var rerate = await new UsageRerater(new Contexts(contexts), clock).RunAsync(
            new RerateRequest(rerated.Timestamp, rerated.Timestamp.AddSeconds(1), TenantScope.Of(tenant.Id)), save: true, "test", CancellationToken.None);
        if (rerate.Changed != 1 || rerate.CostAfter != 0.30m)
            throw new InvalidOperationException($"The re-rate did not price cb-7 as the fixture expects: {rerate}");
        return new ChargebackSeed(tenant.Id, tenantName, catalog.Id, price.Id);
    }

    private sealed class Contexts(Func<SpendOpsDbContext> create) : IDbContextFactory<SpendOpsDbContext>
    {
        public SpendOpsDbContext CreateDbContext() => create();
    }
}
