namespace SpendOps.Core.Pricing;

/// <summary>
/// The cost of one call by component, in USD, exact (not rounded). <see cref="Output"/> covers all output
/// tokens except those in <see cref="Reasoning"/>, which is non-zero only where reasoning has its own price;
/// <see cref="Audio"/> and <see cref="Image"/> cover the audio and image tokens of both directions;
/// <see cref="RequestFees"/> covers per-request and per-search fees. <see cref="Discount"/> is the tenant's
/// discount, already taken off <see cref="Total"/>.
/// </summary>
public sealed record CostBreakdown(
    decimal Input,
    decimal CacheRead,
    decimal CacheWrite5m,
    decimal CacheWrite1h,
    decimal Output,
    decimal Reasoning,
    decimal Audio,
    decimal Image,
    decimal RequestFees,
    decimal Discount,
    bool AboveThreshold)
{
    public decimal Subtotal => Input + CacheRead + CacheWrite5m + CacheWrite1h + Output + Reasoning + Audio + Image + RequestFees;

    public decimal Total => Subtotal - Discount;
}
