namespace SpendOps.Core.Pricing;

/// <summary>Where a price row came from. Stored as text (<c>catalog</c>, <c>manual</c>, <c>import</c>).</summary>
public enum PriceSource
{
    /// <summary>The catalog embedded in SpendOps (LiteLLM's plus our own table), seeded on first start.</summary>
    Catalog = 0,

    /// <summary>Entered by an admin in the portal or CLI.</summary>
    Manual = 1,

    /// <summary>A catalog file an admin imported (e.g. a newer LiteLLM copy).</summary>
    Import = 2,
}
