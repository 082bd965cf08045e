namespace SpendOps.Core.Pricing.Checks;

/// <summary>A current catalog price with a finding the checks could not decide.</summary>
public sealed record UndecidedPrice(ModelPrice Price, UndecidedFinding Finding);
