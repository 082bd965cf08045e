using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback;

/// <summary>
/// A record with its grouping values; a class with settable members (not a tuple) so EF translates the projections,
/// the LEFT JOINs that fill the dimension values and the GROUP BY over them.
/// </summary>
internal sealed class ChargebackFact
{
    public required UsageRecord Record { get; set; }
    public string? K0 { get; set; }
    public string? K1 { get; set; }
    public string? K2 { get; set; }
    public string? K3 { get; set; }
}
