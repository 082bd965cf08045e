using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// The chargeback view as an Excel workbook: a <c>Summary</c> sheet with the view's rows and total, a <c>Calls</c>
/// sheet with every call behind it, and an <c>About</c> sheet saying what the view is. Costs are numbers in dollars
/// with a currency format, times are dates, headers are frozen and filterable.
/// </summary>
/// <remarks>
/// Each part is compressed into the zip as it is written (<see cref="XlsxPackage"/>): memory stays flat however many
/// calls the detail sheet lists, and the output stream need not be seekable.
/// </remarks>
public sealed class ChargebackXlsxWriter(ChargebackRecordReader reader)
{
    public async Task<long> WriteAsync(ChargebackReport report, Stream output, DateTimeOffset generatedAt, CancellationToken cancellationToken)
    {
        using var package = new XlsxPackage(output);
        using (var styles = package.Part("xl/styles.xml"))
        {
            styles.Writer.WriteStartDocument(true);
            styles.Writer.WriteElement(XlsxStyles.Create());
        }
        string summaryFilter, callsFilter;
        long callCount;
        using (var summary = package.AddSheet("Summary"))
            summaryFilter = WriteSummary(summary.Writer, report);
        using (var calls = package.AddSheet("Calls"))
            (callCount, callsFilter) = await WriteCallsAsync(calls.Writer, report, cancellationToken);
        using (var about = package.AddSheet("About"))
            WriteAbout(about.Writer, report, generatedAt);

        using (var part = package.Part("xl/workbook.xml"))
        {
            var writer = part.Writer;
            writer.WriteStartDocument(true);
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            writer.WriteElement(new Sheet { Name = "Summary", SheetId = 1, Id = XlsxPackage.SheetRelationship(1) });
            writer.WriteElement(new Sheet { Name = "Calls", SheetId = 2, Id = XlsxPackage.SheetRelationship(2) });
            writer.WriteElement(new Sheet { Name = "About", SheetId = 3, Id = XlsxPackage.SheetRelationship(3) });
            writer.WriteEndElement();
            // Excel keeps each sheet's filter range under this hidden name; without it some versions drop the filter.
            writer.WriteElement(new DefinedNames(
                new DefinedName($"Summary!{Absolute(summaryFilter)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 0, Hidden = true },
                new DefinedName($"Calls!{Absolute(callsFilter)}") { Name = "_xlnm._FilterDatabase", LocalSheetId = 1, Hidden = true }));
            writer.WriteEndElement();
        }
        package.Finish();
        return callCount;
    }

    private static string WriteSummary(OpenXmlWriter part, ChargebackReport report)
    {
        var keys = report.Request.Keys;
        string[] amountHeaders =
        [
            "Calls", "Input tokens", "Cache read tokens", "Cache write tokens", "Output tokens", "Cost USD", "Measured USD (proxy)",
            "Estimated USD (telemetry)", "Calculated USD (price)", "Reported USD (no price)", "Calculated USD where reported too",
            "Reported USD where calculated too", "Unpriced calls", "Share", "Previous period USD", "Change USD", "Change",
            "Allocated USD", "After allocation USD",
        ];
        var sheet = new XlsxSheetWriter(part, [.. keys.Select(k => k.ToString()), .. amountHeaders],
            [.. keys.Select(_ => 28d), .. amountHeaders.Select(_ => 16d)]);
        foreach (var row in report.Rows)
        {
            sheet.StartRow();
            foreach (var label in row.Labels)
                sheet.Text(label);
            Amounts(sheet, row.Amounts, row.Share, row.PreviousCostUsd, row.ChangeUsd, row.ChangeRatio, row.AllocatedUsd, total: false);
            sheet.EndRow();
        }
        var filter = sheet.FilterRange();
        sheet.StartRow();
        for (var i = 0; i < keys.Count; i++)
            sheet.Text(i == 0 ? "Total" : null, XlsxStyles.TotalText);
        var change = report.Total.CostUsd - report.PreviousTotalUsd;
        Amounts(sheet, report.Total, report.Total.CostUsd == 0m ? 0m : 1m, report.PreviousTotalUsd, change,
            report.PreviousTotalUsd == 0m ? null : change / report.PreviousTotalUsd, 0m, total: true);
        sheet.EndRow();
        // The total row stays below the filtered range, so sorting the rows never moves it.
        sheet.Finish(filterLastRow: report.Rows.Count + 1);
        return filter;
    }

    private static void Amounts(XlsxSheetWriter sheet, ChargebackAmounts a, decimal share, decimal previous, decimal change, decimal? changeRatio, decimal allocated, bool total)
    {
        var integer = total ? XlsxStyles.TotalInteger : XlsxStyles.Integer;
        var usd = total ? XlsxStyles.TotalUsd : XlsxStyles.Usd;
        foreach (var count in new[] { a.Calls, a.InputTokens, a.CacheReadTokens, a.CacheWriteTokens, a.OutputTokens })
            sheet.Number(count, integer);
        foreach (var amount in new[] { a.CostUsd, a.MeasuredCostUsd, a.EstimatedCostUsd, a.CalculatedCostUsd, a.ReportedCostUsd, a.ComparedCalculatedUsd, a.ComparedReportedUsd })
            sheet.Number(amount, usd);
        sheet.Number(a.UnpricedCalls, integer);
        sheet.Number(share, XlsxStyles.Percent);
        sheet.Number(previous, usd);
        sheet.Number(change, usd);
        sheet.Number(changeRatio, XlsxStyles.Percent);
        sheet.Number(allocated, usd);
        sheet.Number(a.CostUsd + allocated, usd);
    }

    private async Task<(long Count, string Filter)> WriteCallsAsync(OpenXmlWriter part, ChargebackReport report, CancellationToken cancellationToken)
    {
        var filter = ChargebackQuery.Filter(report.Request, report.Request.Period);
        var dimensions = await reader.DimensionNamesAsync(filter, cancellationToken);
        var tenants = await reader.TenantNamesAsync(cancellationToken);
        string[] headers =
        [
            "Time (UTC)", "Request id", "Tenant", "Key", "Provider", "Model", "Endpoint", "Source", "Estimated", "Input tokens",
            "Cache read tokens", "Cache write tokens", "Output tokens", "Reasoning tokens", "Cost USD", "Cost source", "Pricing status",
            "Provider reported USD",
        ];
        var sheet = new XlsxSheetWriter(part, [.. headers, .. dimensions.Select(d => "dim:" + d)],
            [20, 36, 16, 16, 12, 28, 16, 10, 10, .. Enumerable.Repeat(14d, 9), .. dimensions.Select(_ => 18d)]);
        long count = 0;
        await foreach (var rated in reader.ReadAsync(filter, cancellationToken))
        {
            var r = rated.Record;
            sheet.StartRow();
            sheet.Date(r.Timestamp);
            sheet.Text(r.RequestId);
            sheet.Text(tenants.GetValueOrDefault(r.TenantId) ?? r.TenantId.ToString());
            sheet.Text(r.ApiKeyId);
            sheet.Text(r.Provider);
            sheet.Text(r.PricingModel);
            sheet.Text(r.Endpoint);
            sheet.Text(r.Source == UsageSource.Proxy ? "proxy" : "telemetry");
            sheet.Text(r.Estimated ? "yes" : "no");
            foreach (var tokens in new[] { r.Tokens.InputTokens, r.Tokens.CacheReadTokens, r.Tokens.CacheWriteTokens, r.Tokens.OutputTokens, r.Tokens.ReasoningTokens })
                sheet.Number(tokens, XlsxStyles.Integer);
            sheet.Number(r.CostUsd, XlsxStyles.Usd);
            sheet.Text(UsageExporter.CostSourceName(r.CostSource));
            sheet.Text(UsageExporter.PricingStatusName(r.PricingStatus));
            sheet.Number(r.ProviderCostUsd, XlsxStyles.Usd);
            foreach (var name in dimensions)
                sheet.Text(r.Dims.GetValueOrDefault(name));
            sheet.EndRow();
            count++;
        }
        var range = sheet.FilterRange();
        sheet.Finish();
        return (count, range);
    }

    private static void WriteAbout(OpenXmlWriter part, ChargebackReport report, DateTimeOffset generatedAt)
    {
        var request = report.Request;
        var sheet = new XlsxSheetWriter(part, ["Item", "Value"], [28, 48]);
        void Line(string item, Action value)
        {
            sheet.StartRow();
            sheet.Text(item);
            value();
            sheet.EndRow();
        }
        Line("Period first day", () => sheet.Date(new DateTimeOffset(request.Period.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), XlsxStyles.Date));
        Line("Period last day", () => sheet.Date(new DateTimeOffset(request.Period.LastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), XlsxStyles.Date));
        Line("Compared with, first day", () => sheet.Date(new DateTimeOffset(report.PreviousPeriod.FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), XlsxStyles.Date));
        Line("Compared with, last day", () => sheet.Date(new DateTimeOffset(report.PreviousPeriod.LastDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), XlsxStyles.Date));
        Line("Grouped by", () => sheet.Text(string.Join(", ", request.Keys)));
        Line("Unattributed spend", () => sheet.Text(report.Allocation.Kind switch
        {
            ChargebackAllocationKind.Proportional => "allocated in proportion to attributed spend (Allocated USD)",
            ChargebackAllocationKind.Owner => $"allocated to {report.Allocation.Owner} (Allocated USD)",
            _ => "not allocated",
        }));
        Line("Total cost USD", () => sheet.Number(report.Total.CostUsd, XlsxStyles.Usd));
        Line("Costs", () => sheet.Text("the period's calls at their cost of record today; the FOCUS file of the period adds the re-rates of earlier periods' calls as Correction rows"));
        Line("Unpriced calls (no cost yet, not in the total)", () => sheet.Number(report.Total.UnpricedCalls, XlsxStyles.Integer));
        Line("Generated (UTC)", () => sheet.Date(generatedAt));
        sheet.Finish();
    }

    private static string Absolute(string range) => "$" + string.Join(":$", range.Split(':').Select(c => c.Insert(c.IndexOfAny("0123456789".ToCharArray()), "$")));
}
