namespace SpendOps.Core.Pricing.Checks;

/// <summary>A rate that looks wrong but that no exact rule can correct: what looks wrong, and why it was left as it is.</summary>
public sealed record UndecidedFinding(PriceField Field, string Problem, string Reason);
