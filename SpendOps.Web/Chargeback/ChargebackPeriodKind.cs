namespace SpendOps.Web.Chargeback;

/// <summary>How a chargeback view names its period in the address.</summary>
public enum ChargebackPeriodKind
{
    Month,
    Quarter,

    /// <summary>Any run of whole days, <c>from</c> to <c>to</c> (the first day not included), as in the command line.</summary>
    Range,
}
