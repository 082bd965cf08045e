namespace SpendOps.Proxy.Enforcement;

internal enum BudgetReservationKind
{
    Reserved,
    Refused,
    NeedsGrant,
}
