namespace SpendOps.Core.Chargeback;

/// <summary>
/// The sums behind one chargeback row, in USD of the cost of record. <see cref="MeasuredCostUsd"/> (proxy) and
/// <see cref="EstimatedCostUsd"/> (telemetry) add up to <see cref="CostUsd"/>, as do <see cref="CalculatedCostUsd"/> (our
/// arithmetic with a price) and <see cref="ReportedCostUsd"/> (the cost the source reported, used when no price was
/// known). <see cref="ComparedCalculatedUsd"/> and <see cref="ComparedReportedUsd"/> put both numbers side by side for
/// the calls that have both: our price and what the provider said.
/// </summary>
public sealed record ChargebackAmounts
{
    public static ChargebackAmounts Zero { get; } = new();

    public long Calls { get; init; }
    public long InputTokens { get; init; }
    public long CacheReadTokens { get; init; }
    public long CacheWriteTokens { get; init; }
    public long OutputTokens { get; init; }
    public decimal CostUsd { get; init; }
    public decimal MeasuredCostUsd { get; init; }
    public decimal EstimatedCostUsd { get; init; }
    public decimal CalculatedCostUsd { get; init; }
    public decimal ReportedCostUsd { get; init; }
    public decimal ComparedCalculatedUsd { get; init; }
    public decimal ComparedReportedUsd { get; init; }

    /// <summary>Calls with no cost yet (unpriced, or waiting for the pricing job): not in <see cref="CostUsd"/>.</summary>
    public long UnpricedCalls { get; init; }

    public long Tokens => InputTokens + CacheReadTokens + CacheWriteTokens + OutputTokens;

    public ChargebackAmounts Add(ChargebackAmounts other) => new()
    {
        Calls = Calls + other.Calls,
        InputTokens = InputTokens + other.InputTokens,
        CacheReadTokens = CacheReadTokens + other.CacheReadTokens,
        CacheWriteTokens = CacheWriteTokens + other.CacheWriteTokens,
        OutputTokens = OutputTokens + other.OutputTokens,
        CostUsd = CostUsd + other.CostUsd,
        MeasuredCostUsd = MeasuredCostUsd + other.MeasuredCostUsd,
        EstimatedCostUsd = EstimatedCostUsd + other.EstimatedCostUsd,
        CalculatedCostUsd = CalculatedCostUsd + other.CalculatedCostUsd,
        ReportedCostUsd = ReportedCostUsd + other.ReportedCostUsd,
        ComparedCalculatedUsd = ComparedCalculatedUsd + other.ComparedCalculatedUsd,
        ComparedReportedUsd = ComparedReportedUsd + other.ComparedReportedUsd,
        UnpricedCalls = UnpricedCalls + other.UnpricedCalls,
    };
}
