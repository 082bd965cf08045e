using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Chargeback;
using SpendOps.Core.Chargeback.Export;
using SpendOps.Core.Data;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>
/// Re-rating an exported month in the month after: the ledger rows, the FOCUS Correction rows of the later month and the
/// earlier month at its new cost. Each scenario runs on SQLite (<see cref="SqliteFocusCorrectionTests"/>) and PostgreSQL
/// (<see cref="PostgresFocusCorrectionTests"/>).
/// </summary>
/// <remarks>
/// The model (its own name, so no other test's price applies) costs $2 / $8 per million input / output tokens (v1) until
/// a v2 of $3 / $12 from 1 January 2026 is added on 10 November. October, all at 14:xx UTC on the 20th, team backend:
/// c-1 100k in + 50k out at v1 = 0.20 + 0.40 = 0.60, at v2 0.30 + 0.60 = 0.90 (+0.30: input +0.10, output +0.20);
/// c-3 200k in at v1 = 0.40, at v2 0.60 (+0.20, input); c-2 10k in + 5k out at the provider's reported 0.50, at v2
/// 0.03 + 0.06 = 0.09 (−0.41: total −0.50, input +0.03, output +0.06). November: n-1 100k in at v1 0.20, at v2 0.30.
/// October was 1.50 and is 1.59; November's calls are 0.30 and the corrections of October +0.09, so November's FOCUS
/// BilledCost is 0.39.
/// </remarks>
public abstract class FocusCorrectionScenarios(UsageDatabaseFixture fixture)
{
    private static readonly ChargebackPeriod October = ChargebackPeriod.Month(TenantCalendar.Utc, 2026, 10);
    private static readonly ChargebackPeriod November = ChargebackPeriod.Month(TenantCalendar.Utc, 2026, 11);
    private static readonly DateTimeOffset RerateTime = new(2026, 11, 10, 9, 0, 0, TimeSpan.Zero);

    protected async Task RerateInTheNextMonth_WritesLedgerAndCorrectionRowsAsync()
    {
        var seed = await SeedAsync("corrections");
        var octoberBefore = await FocusAsync(seed.TenantId, October);
        Assert.Equal(1.50m, octoberBefore.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));
        var v2 = await AddPriceAsync(seed.Model, 3m, 12m, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        var result = await RerateAsync(seed.TenantId, "finance@example.com");

        Assert.Equal((4, 4, 1.50m + 0.20m, 1.59m + 0.30m), (result.Examined, result.Changed, result.CostBefore, result.CostAfter));
        await using (var db = fixture.CreateContext())
        {
            var ledger = await db.UsageCostAdjustments.AsNoTracking().Where(a => a.TenantId == seed.TenantId).ToListAsync();
            var byCall = ledger.ToDictionary(a => db.UsageRecords.Single(r => r.Id == a.UsageRecordId).RequestId);
            Assert.Equal(["corrections-c-1", "corrections-c-2", "corrections-c-3", "corrections-n-1"], byCall.Keys.Order());
            var first = byCall["corrections-c-1"];
            Assert.Equal((0.60m, 0.90m, 0.30m), (first.CostBeforeUsd, first.CostAfterUsd, first.DeltaUsd));
            Assert.Equal((seed.V1, CostSource.Catalog, v2, CostSource.Catalog), (first.PriceIdBefore, first.CostSourceBefore, first.PriceIdAfter, first.CostSourceAfter));
            Assert.Equal((RerateTime, CostAdjustmentReason.Rerate, "finance@example.com"), (first.AdjustedAt, first.Reason, first.Actor));
            Assert.Equal((new DateTimeOffset(2026, 10, 20, 14, 10, 0, TimeSpan.Zero), "openai", seed.Model), (first.RecordTimestamp, first.Provider, first.Model));
            var reported = byCall["corrections-c-2"];
            Assert.Equal((0.50m, 0.09m, -0.41m, (long?)null, CostSource.Reported), (reported.CostBeforeUsd, reported.CostAfterUsd, reported.DeltaUsd, reported.PriceIdBefore, reported.CostSourceBefore));
            Assert.Equal(0.10m, byCall["corrections-n-1"].DeltaUsd);
        }

        // October: its calls at their cost of record today, as ordinary rows; the re-rate was not in October.
        var october = await FocusAsync(seed.TenantId, October);
        FocusFileRules.AssertValid(october);
        Assert.All(october.Rows, r => Assert.Null(r["ChargeClass"]));
        Assert.Equal(1.59m, october.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));
        Assert.Equal(await ChargebackTotalAsync(seed.TenantId, October), october.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));

        // November: its own call at its new cost, and October's changes as corrections.
        var (november, written) = await FocusWithResultAsync(seed.TenantId, November);
        FocusFileRules.AssertValid(november);
        var regular = november.Rows.Where(r => r["ChargeClass"] is null).ToList();
        var corrections = november.Rows.Where(r => r["ChargeClass"] == "Correction").ToList();
        Assert.Equal([("corrections-n-1", "input", 0.30m)], regular.Select(r => (r["x_RequestId"], r["x_TokenType"], FocusFileRules.Decimal(r["BilledCost"]))));
        Assert.Equal(0.30m, await ChargebackTotalAsync(seed.TenantId, November));
        Assert.Equal(0.39m, november.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));
        Assert.Equal((0.39m, 5L, 0.09m, 6L), (written.BilledCostUsd, written.CorrectionRows, written.CorrectionsUsd, written.Rows));

        var fromPrice = $"rerate from price:{seed.V1}";
        Assert.Equal(
            [
                (fromPrice, "input", 0.30m, null),
                (fromPrice, "output", 0.20m, "corrections-c-1"),
                ("rerate from reported", "input", 0.03m, "corrections-c-2"),
                ("rerate from reported", "output", 0.06m, "corrections-c-2"),
                ("rerate from reported", "total", -0.50m, "corrections-c-2"),
            ],
            corrections.Select(r => (r["x_CorrectionReason"], r["x_TokenType"], FocusFileRules.Decimal(r["BilledCost"]), r["x_RequestId"]))
                .OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2, StringComparer.Ordinal));
        var input = corrections.Single(r => r["x_CorrectionReason"] == fromPrice && r["x_TokenType"] == "input");
        Assert.Equal(("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"), (input["BillingPeriodStart"], input["BillingPeriodEnd"]));
        Assert.Equal(("2026-10-20T14:00:00Z", "2026-10-20T15:00:00Z"), (input["ChargePeriodStart"], input["ChargePeriodEnd"]));
        Assert.Equal((0.30m, 0.30m, 0.30m), (FocusFileRules.Decimal(input["EffectiveCost"]), FocusFileRules.Decimal(input["ContractedCost"]), FocusFileRules.Decimal(input["ListCost"])));
        Assert.Equal(($"openai/{seed.Model}/input", $"openai/{seed.Model}/input@price:{v2}", "{\"team\":\"backend\"}"), (input["SkuId"], input["SkuPriceId"], input["Tags"]));
        Assert.Equal(("catalog", v2.ToString(CultureInfo.InvariantCulture), "k-backend"), (input["x_CostSource"], input["x_PriceVersion"], input["SubAccountId"]));
        Assert.Equal(("Usage", (string?)null, (string?)null), (input["ChargeCategory"], input["PricingQuantity"], input["x_Timestamp"]));
        Assert.All(regular, r => Assert.Null(r["x_CorrectionReason"]));
    }

    protected async Task RerateThatChangesNothing_WritesNoLedgerRowsAsync()
    {
        var seed = await SeedAsync("unchanged");
        await AddPriceAsync(seed.Model, 3m, 12m, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(4, (await RerateAsync(seed.TenantId, "first")).Changed);

        var again = await RerateAsync(seed.TenantId, "second");

        Assert.Equal((4, 0), (again.Examined, again.Changed));
        await using var db = fixture.CreateContext();
        Assert.Equal(4, await db.UsageCostAdjustments.CountAsync(a => a.TenantId == seed.TenantId));
        Assert.Equal(0, await db.UsageCostAdjustments.CountAsync(a => a.TenantId == seed.TenantId && a.Actor == "second"));
    }

    private async Task<RerateResult> RerateAsync(Guid tenantId, string actor)
    {
        var clock = new TestClock();
        using var stopped = clock.StopAt(RerateTime);
        return await new UsageRerater(new Contexts(fixture.CreateContext), clock).RunAsync(
            new RerateRequest(October.From, November.To, TenantScope.Of(tenantId)), save: true, actor, CancellationToken.None);
    }

    private async Task<decimal> ChargebackTotalAsync(Guid tenantId, ChargebackPeriod period)
    {
        Assert.True(ChargebackKey.TryParseList("dim:team", out var keys, out _));
        await using var db = fixture.CreateContext();
        var report = await ChargebackQuery.RunAsync(db, new ChargebackRequest(TenantScope.Of(tenantId), period, keys), TenantCalendar.Utc, CancellationToken.None);
        return report.Total.CostUsd;
    }

    private async Task<CsvTable> FocusAsync(Guid tenantId, ChargebackPeriod period) => (await FocusWithResultAsync(tenantId, period)).Table;

    private async Task<(CsvTable Table, FocusWriteResult Result)> FocusWithResultAsync(Guid tenantId, ChargebackPeriod period)
    {
        await using var db = fixture.CreateContext();
        var text = new StringWriter();
        var result = await new FocusCsvWriter(new ChargebackRecordReader(db)).WriteAsync(new ChargebackRequest(TenantScope.Of(tenantId), period, [], null), text, CancellationToken.None);
        return (CsvTable.Parse(text.ToString()), result);
    }

    private async Task<long> AddPriceAsync(string model, decimal input, decimal output, DateTimeOffset from)
    {
        await using var db = fixture.CreateContext();
        var price = new ModelPrice
        {
            Provider = "openai", ModelKey = model, EffectiveFrom = from, InputPerMTok = input, OutputPerMTok = output, Source = PriceSource.Catalog, CreatedBy = "test",
        };
        db.ModelPrices.Add(price);
        await db.SaveChangesAsync();
        return price.Id;
    }

    private async Task<Seed> SeedAsync(string name)
    {
        var model = $"focus-{name}-model";
        var v1 = await AddPriceAsync(model, 2m, 8m, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var db = fixture.CreateContext();
        var tenant = new Tenant { Name = name, TimeZone = "UTC" };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();

        UsageRecord Record(string id, string utc, long input, long output, decimal cost)
        {
            var record = new UsageRecord
            {
                RequestId = $"{name}-{id}", TenantId = tenant.Id, Timestamp = DateTimeOffset.Parse(utc, CultureInfo.InvariantCulture), ApiKeyId = "k-backend",
                Provider = "openai", Endpoint = "chat", ModelRequested = model, StatusCode = 200, UsageComplete = true,
                CostUsd = cost, CostSource = CostSource.Catalog, PricingStatus = PricingStatus.Priced, PriceId = v1, Dims = new() { ["team"] = "backend" },
            };
            (record.Tokens.InputTokens, record.Tokens.OutputTokens) = (input, output);
            return record;
        }
        var reported = Record("c-2", "2026-10-20T14:40:00Z", 10_000, 5_000, 0.50m);
        (reported.CostSource, reported.PricingStatus, reported.PriceId, reported.ProviderCostUsd) = (CostSource.Reported, PricingStatus.Reported, null, 0.50m);
        await fixture.AddAsync(
            Record("c-1", "2026-10-20T14:10:00Z", 100_000, 50_000, 0.60m), reported, Record("c-3", "2026-10-20T14:50:00Z", 200_000, 0, 0.40m),
            Record("n-1", "2026-11-05T08:00:00Z", 100_000, 0, 0.20m));
        return new Seed(tenant.Id, model, v1);
    }

    private sealed record Seed(Guid TenantId, string Model, long V1);

    private sealed class Contexts(Func<SpendOpsDbContext> create) : IDbContextFactory<SpendOpsDbContext>
    {
        public SpendOpsDbContext CreateDbContext() => create();
    }
}
