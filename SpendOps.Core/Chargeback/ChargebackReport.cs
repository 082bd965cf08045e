namespace SpendOps.Core.Chargeback;

/// <summary>
/// A chargeback view: attributed rows first (largest cost first), then the unattributed ones, and the totals.
/// <see cref="Total"/> equals the <c>usage summary</c> total of the same period and tenant.
/// </summary>
public sealed record ChargebackReport(
    ChargebackRequest Request,
    ChargebackPeriod PreviousPeriod,
    IReadOnlyList<ChargebackRow> Rows,
    ChargebackAmounts Total,
    decimal PreviousTotalUsd)
{
    public decimal UnattributedUsd => Rows.Where(r => r.Unattributed).Sum(r => r.Amounts.CostUsd);

    public decimal AttributedUsd => Total.CostUsd - UnattributedUsd;

    public ChargebackAllocation Allocation => Request.Allocation ?? ChargebackAllocation.None;
}
