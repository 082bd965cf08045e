namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// The chargeback view as CSV: one line per row of the view, in its order, then a <c>Total</c> line. Costs carry the
/// full precision of the cost of record, so the lines add up to the total to the micro-dollar.
/// </summary>
public static class ChargebackCsvWriter
{
    public static readonly IReadOnlyList<string> AmountColumns =
    [
        "unattributed", "calls", "input_tokens", "cache_read_tokens", "cache_write_tokens", "output_tokens", "cost_usd",
        "measured_cost_usd", "estimated_cost_usd", "calculated_cost_usd", "reported_cost_usd", "compared_calculated_usd",
        "compared_reported_usd", "unpriced_calls", "share", "previous_cost_usd", "change_usd", "change_ratio", "allocated_usd",
        "cost_after_allocation_usd",
    ];

    public static async Task WriteAsync(ChargebackReport report, TextWriter output, CancellationToken cancellationToken)
    {
        var keys = report.Request.Keys;
        await output.WriteLineAsync(CsvText.Line(keys.Select(k => k.ToString()).Concat(AmountColumns)).AsMemory(), cancellationToken);
        foreach (var row in report.Rows)
            await output.WriteLineAsync(CsvText.Line(row.Labels.Concat(Amounts(row.Amounts, row.Unattributed, row.Share, row.PreviousCostUsd, row.ChangeUsd, row.ChangeRatio, row.AllocatedUsd))).AsMemory(), cancellationToken);
        var total = report.Total;
        var change = total.CostUsd - report.PreviousTotalUsd;
        var totalLabels = keys.Select((_, i) => i == 0 ? "Total" : "");
        await output.WriteLineAsync(CsvText.Line(totalLabels.Concat(Amounts(total, null, total.CostUsd == 0m ? 0m : 1m, report.PreviousTotalUsd, change,
            report.PreviousTotalUsd == 0m ? null : change / report.PreviousTotalUsd, 0m))).AsMemory(), cancellationToken);
    }

    private static IEnumerable<string> Amounts(ChargebackAmounts a, bool? unattributed, decimal share, decimal previous, decimal change, decimal? changeRatio, decimal allocated) =>
    [
        unattributed is { } u ? (u ? "true" : "false") : "", CsvText.Number(a.Calls), CsvText.Number(a.InputTokens),
        CsvText.Number(a.CacheReadTokens), CsvText.Number(a.CacheWriteTokens), CsvText.Number(a.OutputTokens), CsvText.Money(a.CostUsd),
        CsvText.Money(a.MeasuredCostUsd), CsvText.Money(a.EstimatedCostUsd), CsvText.Money(a.CalculatedCostUsd), CsvText.Money(a.ReportedCostUsd),
        CsvText.Money(a.ComparedCalculatedUsd), CsvText.Money(a.ComparedReportedUsd), CsvText.Number(a.UnpricedCalls), CsvText.Ratio(share),
        CsvText.Money(previous), CsvText.Money(change), CsvText.Ratio(changeRatio), CsvText.Money(allocated), CsvText.Money(a.CostUsd + allocated),
    ];
}
