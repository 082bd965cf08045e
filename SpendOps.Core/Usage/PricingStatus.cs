namespace SpendOps.Core.Usage;

public enum PricingStatus
{
    /// <summary>Written, not yet seen by the pricing job.</summary>
    Pending = 0,
    Priced = 1,

    /// <summary>No price known for the model at the call's time; stays visible and is priced when a price is added.</summary>
    Unpriced = 2,

    /// <summary>A call that costs nothing by nature (token counting, model lists, failed requests).</summary>
    NotBillable = 3,

    /// <summary>
    /// A billable call whose response reported no usage at all (an OpenAI stream without <c>include_usage</c>, a
    /// stream cut before its usage): the cost is unknown, so it is left empty rather than priced at $0.
    /// </summary>
    UsageUnknown = 4,

    /// <summary>
    /// No price for the model at the call's time, but the source reported what the call cost (a provider's cost
    /// field, Claude Code's <c>cost_usd</c>): that cost is the record's cost. Adding a price later does not change it
    /// on its own; an explicit re-rate moves it to the price.
    /// </summary>
    Reported = 5,
}
