using SpendOps.Core.Chargeback;
using SpendOps.Core.Chargeback.Export;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>
/// The chargeback query and its exports on a real database, against the hand-worked numbers of <see cref="ChargebackSeed"/>.
/// Each scenario runs on SQLite (<see cref="SqliteChargebackTests"/>) and PostgreSQL (<see cref="PostgresChargebackTests"/>).
/// </summary>
public abstract class ChargebackScenarios(UsageDatabaseFixture fixture)
{
    private static readonly ChargebackPeriod November = ChargebackPeriod.Month(TenantCalendar.Utc, 2026, 11);

    protected async Task ByTeam_HandWorkedRowsAndTotalsMatchUsageSummaryAsync()
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.CreateContext, "by-team");

        var report = await RunAsync(seed, "dim:team");

        await using var db = fixture.CreateContext();
        var filter = new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = November.From, To = November.To };
        var summary = await UsageQueries.SummarizeAsync(db, filter, new UsageGrouping(UsageGroupingKind.Dimension, "team"), CancellationToken.None);
        Assert.Equal(ChargebackSeed.Total, report.Total.CostUsd);
        Assert.Equal(summary.Sum(r => r.CostUsd), report.Total.CostUsd);
        Assert.Equal(await SpendToDateQuery.CostAsync(db, filter, CancellationToken.None), report.Total.CostUsd);
        Assert.Equal(7, report.Total.Calls);
        Assert.Equal(1, report.Total.UnpricedCalls);
        Assert.Equal(0.54m + 2.00m + 0.75m + 0.30m + 0.30m, report.Total.MeasuredCostUsd);
        Assert.Equal(0.40m, report.Total.EstimatedCostUsd);
        Assert.Equal(0.54m + 2.00m + 0.75m + 0.30m, report.Total.CalculatedCostUsd);
        Assert.Equal(0.30m + 0.40m, report.Total.ReportedCostUsd);
        // Priced by us and reported by the provider: cb-3 (0.75 vs 0.80) and the re-rated cb-7 (0.30 vs 0.90).
        Assert.Equal(0.75m + 0.30m, report.Total.ComparedCalculatedUsd);
        Assert.Equal(0.80m + 0.90m, report.Total.ComparedReportedUsd);
        Assert.Equal(1.00m, report.PreviousTotalUsd);
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), report.PreviousPeriod.From);

        Assert.Equal([["backend"], ["frontend"], [null]], report.Rows.Select(r => r.Values.ToArray()));
        var backend = report.Rows[0];
        Assert.Equal(ChargebackSeed.Backend, backend.Amounts.CostUsd);
        Assert.Equal(3, backend.Amounts.Calls);
        Assert.Equal(100_000 + 1000, backend.Amounts.InputTokens);
        Assert.Equal(50_000 + 500, backend.Amounts.OutputTokens);
        Assert.Equal(ChargebackSeed.PreviousBackend, backend.PreviousCostUsd);
        Assert.Equal(2.54m - 1.00m, backend.ChangeUsd);
        Assert.Equal(1.54m, backend.ChangeRatio);
        Assert.Equal(2.54m / 4.29m, backend.Share);
        var frontend = report.Rows[1];
        Assert.Equal(ChargebackSeed.Frontend, frontend.Amounts.CostUsd);
        Assert.Null(frontend.ChangeRatio);
        var unattributed = report.Rows[2];
        Assert.True(unattributed.Unattributed);
        Assert.Equal(ChargebackSeed.Unattributed, unattributed.Amounts.CostUsd);
        Assert.Equal(0.40m, unattributed.Amounts.EstimatedCostUsd);
        Assert.Equal(ChargebackSeed.Unattributed, report.UnattributedUsd);
        Assert.All(report.Rows, r => Assert.Equal(0m, r.AllocatedUsd));
    }

    protected async Task ByTeamAndModel_CombinesKeysAndKeepsUnattributedRowsAsync()
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.CreateContext, "team-model");

        var report = await RunAsync(seed, "dim:team,model");

        var rows = report.Rows.ToDictionary(r => string.Join("|", r.Labels), r => r);
        Assert.Equal(
            ["backend|claude-sonnet-4-5-20250929", "frontend|gpt-4.1", "backend|gpt-4.1", "(unattributed)|claude-sonnet-4-5-20250929", "(unattributed)|mistral-large"],
            report.Rows.Select(r => string.Join("|", r.Labels)));
        Assert.Equal(2.00m, rows["backend|claude-sonnet-4-5-20250929"].Amounts.CostUsd);
        Assert.Equal(0.54m, rows["backend|gpt-4.1"].Amounts.CostUsd);
        Assert.Equal(2, rows["backend|gpt-4.1"].Amounts.Calls);
        Assert.Equal(1.00m, rows["backend|gpt-4.1"].PreviousCostUsd);
        Assert.Equal(1.05m, rows["frontend|gpt-4.1"].Amounts.CostUsd);
        Assert.Equal(0.40m, rows["(unattributed)|claude-sonnet-4-5-20250929"].Amounts.CostUsd);
        Assert.Equal(0.30m, rows["(unattributed)|mistral-large"].Amounts.CostUsd);
        Assert.Equal(ChargebackSeed.Total, report.Rows.Sum(r => r.Amounts.CostUsd));
    }

    protected async Task EveryKey_SplitsTheSameTotalAsync()
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.CreateContext, "every-key");

        var byUser = await RunAsync(seed, "user");
        var bySource = await RunAsync(seed, "source");
        var byKey = await RunAsync(seed, "key");
        var byProvider = await RunAsync(seed, "provider");

        Assert.Equal([("u-1", 0.40m), (null, 3.89m)], byUser.Rows.Select(r => (r.Values[0], r.Amounts.CostUsd)));
        Assert.Equal([("proxy", 3.89m), ("telemetry", 0.40m)], bySource.Rows.Select(r => (r.Values[0], r.Amounts.CostUsd)));
        Assert.Equal([("k-backend", 2.54m), ("k-frontend", 1.05m), ("k-shared", 0.30m), (null, 0.40m)], byKey.Rows.Select(r => (r.Values[0], r.Amounts.CostUsd)));
        Assert.Equal([("anthropic", 2.40m), ("openai", 1.59m), ("openrouter", 0.30m)], byProvider.Rows.Select(r => (r.Values[0], r.Amounts.CostUsd)));
        Assert.All(new[] { byUser, bySource, byKey, byProvider }, r => Assert.Equal(ChargebackSeed.Total, r.Total.CostUsd));
    }

    protected async Task Allocation_ShowsMovedAmountsBesideTheCostAsync()
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.CreateContext, "allocation");

        var proportional = await RunAsync(seed, "dim:team", new ChargebackAllocation(ChargebackAllocationKind.Proportional));
        var owner = await RunAsync(seed, "dim:team", new ChargebackAllocation(ChargebackAllocationKind.Owner, "platform"));

        var rows = proportional.Rows.ToDictionary(r => r.Labels.Single());
        Assert.Equal(0.70m * 2.54m / 3.59m, rows["backend"].AllocatedUsd, 20);
        Assert.Equal(0.70m * 1.05m / 3.59m, rows["frontend"].AllocatedUsd, 20);
        Assert.Equal(-0.70m, rows[ChargebackRow.UnattributedLabel].AllocatedUsd);
        Assert.Equal(0m, proportional.Rows.Sum(r => r.AllocatedUsd));
        Assert.Equal(ChargebackSeed.Backend, rows["backend"].Amounts.CostUsd);
        Assert.Equal(ChargebackSeed.Total, proportional.Rows.Sum(r => r.CostAfterAllocationUsd));

        var owned = owner.Rows.ToDictionary(r => r.Labels.Single());
        Assert.Equal(0m, owned["platform"].Amounts.CostUsd);
        Assert.Equal(0.70m, owned["platform"].AllocatedUsd);
        Assert.Equal(0m, owned["backend"].AllocatedUsd);
        Assert.Equal(-0.70m, owned[ChargebackRow.UnattributedLabel].AllocatedUsd);
    }

    protected async Task Exports_ReconcileWithTheViewAsync()
    {
        var seed = await ChargebackSeed.CreateAsync(fixture.CreateContext, "exports");
        var report = await RunAsync(seed, "dim:team");
        await using var db = fixture.CreateContext();
        var reader = new ChargebackRecordReader(db);

        var csvText = new StringWriter();
        await ChargebackCsvWriter.WriteAsync(report, csvText, CancellationToken.None);
        var focusText = new StringWriter();
        var focusResult = await new FocusCsvWriter(reader).WriteAsync(report.Request, focusText, CancellationToken.None);
        var xlsx = new MemoryStream();
        await new ChargebackXlsxWriter(reader).WriteAsync(report, xlsx, new DateTimeOffset(2026, 12, 2, 6, 0, 0, TimeSpan.Zero), CancellationToken.None);

        var csv = CsvTable.Parse(csvText.ToString());
        Assert.Equal(["backend", "frontend", "(unattributed)", "Total"], csv.Rows.Select(r => r["dim:team"]));
        Assert.Equal(ChargebackSeed.Total, csv.Rows.SkipLast(1).Sum(r => FocusFileRules.Decimal(r["cost_usd"])));
        Assert.Equal(ChargebackSeed.Total, FocusFileRules.Decimal(csv.Rows[^1]["cost_usd"]));

        var focus = CsvTable.Parse(focusText.ToString());
        FocusFileRules.AssertValid(focus);
        Assert.Equal(ChargebackSeed.Total, focus.Rows.Sum(r => FocusFileRules.Decimal(r["BilledCost"])));
        Assert.Equal(ChargebackSeed.Total, focusResult.BilledCostUsd);
        Assert.Equal((8L, 6L, 1L), (focusResult.Rows, focusResult.Calls, focusResult.SkippedCalls));
        var discounted = focus.Rows.Where(r => r["x_RequestId"] == "exports-cb-1").ToDictionary(r => r["x_TokenType"]!);
        Assert.Equal(["input", "output"], discounted.Keys.Order());
        Assert.Equal((0.18m, 0.20m, "100000"), (FocusFileRules.Decimal(discounted["input"]["BilledCost"]), FocusFileRules.Decimal(discounted["input"]["ListCost"]), discounted["input"]["PricingQuantity"]));
        Assert.Equal((0.36m, 0.40m, "50000"), (FocusFileRules.Decimal(discounted["output"]["BilledCost"]), FocusFileRules.Decimal(discounted["output"]["ListCost"]), discounted["output"]["ConsumedQuantity"]));
        Assert.Equal("openai/gpt-4.1/input", discounted["input"]["SkuId"]);
        Assert.Equal($"openai/gpt-4.1/input@price:{seed.CatalogPriceId}", discounted["input"]["SkuPriceId"]);
        Assert.Equal("{\"team\":\"backend\"}", discounted["input"]["Tags"]);
        Assert.Equal(("OpenAI", "OpenAI", "OpenAI"), (discounted["input"]["ProviderName"], discounted["input"]["PublisherName"], discounted["input"]["InvoiceIssuerName"]));
        Assert.Equal((seed.TenantId.ToString(), "exports"), (discounted["input"]["BillingAccountId"], discounted["input"]["BillingAccountName"]));
        Assert.Equal(("2026-11-01T00:00:00Z", "2026-12-01T00:00:00Z"), (discounted["input"]["BillingPeriodStart"], discounted["input"]["BillingPeriodEnd"]));
        Assert.Equal(("2026-11-03T10:00:00Z", "2026-11-03T11:00:00Z"), (discounted["input"]["ChargePeriodStart"], discounted["input"]["ChargePeriodEnd"]));
        Assert.Equal(("catalog", seed.CatalogPriceId.ToString(System.Globalization.CultureInfo.InvariantCulture)), (discounted["input"]["x_CostSource"], discounted["input"]["x_PriceVersion"]));
        // The re-rated call exports at its new cost, split by the tenant's price.
        var rerated = focus.Rows.Where(r => r["x_RequestId"] == "exports-cb-7").ToList();
        Assert.Equal([0.10m, 0.20m], rerated.Select(r => FocusFileRules.Decimal(r["BilledCost"])));
        Assert.All(rerated, r => Assert.Equal("tenant_price", r["x_CostSource"]));
        var reported = Assert.Single(focus.Rows, r => r["x_RequestId"] == "exports-cb-4");
        Assert.Equal(("total", "400", "Tokens", "reported"), (reported["x_TokenType"], reported["PricingQuantity"], reported["PricingUnit"], reported["x_CostSource"]));
        Assert.Equal("openrouter/mistral-large/total@reported", reported["SkuPriceId"]);
        var estimated = Assert.Single(focus.Rows, r => r["x_RequestId"] == "exports-cb-5");
        Assert.Equal(("telemetry", "true", "{\"user.id\":\"u-1\"}"), (estimated["x_UsageSource"], estimated["x_Estimated"], estimated["Tags"]));
        Assert.Null(estimated["SubAccountId"]);
        Assert.DoesNotContain(focus.Rows, r => r["x_RequestId"] is "exports-cb-6" or "exports-cb-8" or "exports-cb-9" or "exports-cb-10");

        xlsx.Position = 0;
        var book = new XlsxReadBack(xlsx);
        Assert.Equal(["Summary", "Calls", "About"], book.SheetNames);
        Assert.True(book.Frozen["Summary"] && book.Frozen["Calls"]);
        var summary = book.Table("Summary");
        Assert.Equal(["backend", "frontend", "(unattributed)", "Total"], summary.Select(r => r["dim:team"].Text));
        Assert.Equal(2.54, summary[0]["Cost USD"].Number!.Value, 9);
        Assert.Equal("\"$\"#,##0.000000", summary[0]["Cost USD"].Format);
        Assert.Equal(3, summary[0]["Calls"].Number);
        Assert.Equal("#,##0", summary[0]["Calls"].Format);
        Assert.Equal("0.00%", summary[0]["Share"].Format);
        Assert.Equal((double)ChargebackSeed.Total, summary.SkipLast(1).Sum(r => r["Cost USD"].Number!.Value), 9);
        Assert.Equal((double)ChargebackSeed.Total, summary[^1]["Cost USD"].Number!.Value, 9);
        Assert.Equal("A1:T4", book.Filter["Summary"]);
        var calls = book.Table("Calls");
        Assert.Equal(7, calls.Count);
        Assert.Equal("A1:T8", book.Filter["Calls"]);
        var first = calls.Single(c => c["Request id"].Text == "exports-cb-1");
        Assert.Equal(new DateTime(2026, 11, 3, 10, 15, 0), DateTime.FromOADate(first["Time (UTC)"].Number!.Value));
        Assert.Equal("yyyy-mm-dd hh:mm:ss", first["Time (UTC)"].Format);
        Assert.Equal(0.54, first["Cost USD"].Number);
        Assert.Equal(100_000, first["Input tokens"].Number);
        Assert.Equal("backend", first["dim:team"].Text);
        Assert.Null(calls.Single(c => c["Request id"].Text == "exports-cb-8")["Cost USD"].Number);
        Assert.Equal((double)ChargebackSeed.Total, calls.Sum(c => c["Cost USD"].Number ?? 0), 9);
    }

    private async Task<ChargebackReport> RunAsync(ChargebackSeed seed, string by, ChargebackAllocation? allocation = null)
    {
        Assert.True(ChargebackKey.TryParseList(by, out var keys, out _));
        await using var db = fixture.CreateContext();
        return await ChargebackQuery.RunAsync(db, new ChargebackRequest(TenantScope.Of(seed.TenantId), November, keys, allocation), TenantCalendar.Utc, CancellationToken.None);
    }
}
