namespace SpendOps.Core.Chargeback.Export;

/// <summary>What a FOCUS export wrote: rows, the calls behind them, calls left out for having no cost, and the BilledCost total.</summary>
public sealed record FocusWriteResult(long Rows, long Calls, long SkippedCalls, decimal BilledCostUsd);
