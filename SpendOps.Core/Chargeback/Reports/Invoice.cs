namespace SpendOps.Core.Chargeback.Reports;

/// <summary>
/// What one value of a grouping (a team, a product, a customer) spent in a period, by model: the chargeback rows of
/// that value, so its total is the value's line of the chargeback view.
/// </summary>
public sealed record Invoice(ChargebackPeriod Period, ChargebackKey Key, string Value, IReadOnlyList<InvoiceLine> Lines, ChargebackAmounts Total);
