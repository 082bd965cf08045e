namespace SpendOps.Core.Pricing.Checks;

/// <summary>What checking one price row found: the corrections it makes, and the findings it leaves to a person.</summary>
public sealed record CatalogCheckResult(IReadOnlyList<RateCorrection> Corrections, IReadOnlyList<UndecidedFinding> Undecided);
