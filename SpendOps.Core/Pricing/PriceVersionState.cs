namespace SpendOps.Core.Pricing;

/// <summary>Where a price row stands among the versions of the same price (tenant, provider, model key, service tier).</summary>
public enum PriceVersionState
{
    /// <summary>The version calls made now are priced with.</summary>
    InForce = 0,

    /// <summary>Effective from a later date; it takes over then.</summary>
    Scheduled = 1,

    /// <summary>A later version is in force; kept because records priced before still point at it.</summary>
    Replaced = 2,
}
