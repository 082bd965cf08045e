namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// What a FOCUS export wrote: rows, the calls behind them, calls left out for having no cost, and the BilledCost total;
/// of which <paramref name="CorrectionRows"/> correct calls of earlier periods by <paramref name="CorrectionsUsd"/>
/// (so <c>BilledCostUsd - CorrectionsUsd</c> is the period's chargeback total).
/// </summary>
public sealed record FocusWriteResult(long Rows, long Calls, long SkippedCalls, decimal BilledCostUsd, long CorrectionRows = 0, decimal CorrectionsUsd = 0m);
