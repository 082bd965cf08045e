namespace SpendOps.Proxy.Enforcement;

/// <summary>What a ledger says to one call: reserved, refused (with what is left), or ask the database for more.</summary>
internal readonly record struct BudgetReservation(BudgetReservationKind Kind, decimal LeftUsd)
{
    public static BudgetReservation Reserved { get; } = new(BudgetReservationKind.Reserved, 0m);

    public static BudgetReservation NeedsGrant { get; } = new(BudgetReservationKind.NeedsGrant, 0m);

    public static BudgetReservation Refused(decimal left) => new(BudgetReservationKind.Refused, left);
}
