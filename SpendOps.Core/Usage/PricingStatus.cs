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
}
