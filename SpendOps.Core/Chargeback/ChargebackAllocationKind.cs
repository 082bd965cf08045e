namespace SpendOps.Core.Chargeback;

/// <summary>How unattributed spend is handed out; the amounts are shown beside the costs, never folded into them.</summary>
public enum ChargebackAllocationKind
{
    /// <summary>Unattributed spend stays on its own row.</summary>
    None,

    /// <summary>Shared among the attributed rows in proportion to their cost.</summary>
    Proportional,

    /// <summary>Given to one named owner (a value of the grouping, e.g. the platform team).</summary>
    Owner,
}
