namespace SpendOps.Core.Alerts;

public enum AlertKind
{
    /// <summary>The period's spend reached one of the budget's thresholds (a percentage of its amount).</summary>
    Threshold = 1,

    /// <summary>The spend projected to the period's end passes the budget's amount.</summary>
    Forecast = 2,

    /// <summary>An admin's "send a test notification": no budget crossed anything.</summary>
    Test = 3,
}
