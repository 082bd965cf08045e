namespace SpendOps.Core.Pricing;

/// <summary>
/// A tenant's percentage off the global price, for a provider, a model pattern, or everything, from
/// <see cref="EffectiveFrom"/> on. A later row for the same scope replaces it; a 0 % row ends the scope's
/// discount, so that a broader one applies again.
/// </summary>
/// <remarks>
/// A tenant with a negotiated per-model price gets a tenant <see cref="ModelPrice"/> row instead; a
/// discount never applies on top of such a row, only on the global price. When several discounts match a
/// call, the most specific scope wins: provider and model, then model, then provider, then all.
/// </remarks>
public sealed class PriceDiscount
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>Null for every provider.</summary>
    public string? Provider { get; set; }

    /// <summary>
    /// Null for every model; otherwise a pattern (<c>*</c> any run, <c>?</c> one character, case-insensitive)
    /// matched against the call's model and against the key of the price found for it.
    /// </summary>
    public string? ModelPattern { get; set; }

    /// <summary>0 to 100.</summary>
    public decimal Percent { get; set; }

    public DateTimeOffset EffectiveFrom { get; set; }
    public string? Note { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
