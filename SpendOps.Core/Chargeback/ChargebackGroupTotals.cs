namespace SpendOps.Core.Chargeback;

/// <summary>One GROUP BY row as the database returns it.</summary>
internal sealed class ChargebackGroupTotals
{
    public string? K0 { get; set; }
    public string? K1 { get; set; }
    public string? K2 { get; set; }
    public string? K3 { get; set; }
    public int Calls { get; set; }
    public long InputTokens { get; set; }
    public long CacheReadTokens { get; set; }
    public long CacheWriteTokens { get; set; }
    public long OutputTokens { get; set; }
    public decimal CostUsd { get; set; }
    public decimal MeasuredCostUsd { get; set; }
    public decimal EstimatedCostUsd { get; set; }
    public decimal CalculatedCostUsd { get; set; }
    public decimal ReportedCostUsd { get; set; }
    public decimal ComparedCalculatedUsd { get; set; }
    public decimal ComparedReportedUsd { get; set; }
    public int UnpricedCalls { get; set; }
}
