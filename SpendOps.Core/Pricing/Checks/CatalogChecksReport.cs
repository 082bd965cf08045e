namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// Every correction the catalog checks recorded (newest first, each with its corrected row), and the findings in
/// the current catalog prices that they left to a person.
/// </summary>
public sealed record CatalogChecksReport(IReadOnlyList<PriceCorrection> Corrections, IReadOnlyList<UndecidedPrice> Undecided);
