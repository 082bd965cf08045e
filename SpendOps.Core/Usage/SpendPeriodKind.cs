namespace SpendOps.Core.Usage;

/// <summary>The periods the dashboard offers, as calendar periods in the tenant's time zone.</summary>
public enum SpendPeriodKind
{
    Today,

    /// <summary>Today and the six days before it.</summary>
    Last7Days,
    ThisMonth,
    LastMonth,

    /// <summary>From one local date to another, both included.</summary>
    Custom,
}
