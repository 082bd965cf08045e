namespace SpendOps.Core.Chargeback.Reports;

public sealed record InvoiceLine(string Model, ChargebackAmounts Amounts);
