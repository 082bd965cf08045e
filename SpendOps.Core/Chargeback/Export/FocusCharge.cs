namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// One token class of one call: what was consumed and what it cost. <see cref="ListCostUsd"/> is at the price before
/// the tenant's discount, <see cref="BilledCostUsd"/> is the call's cost of record shared out by class.
/// </summary>
public sealed record FocusCharge(string TokenClass, decimal Quantity, string Unit, decimal ListCostUsd, decimal BilledCostUsd);
