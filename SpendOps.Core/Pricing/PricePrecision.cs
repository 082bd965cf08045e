namespace SpendOps.Core.Pricing;

/// <summary>
/// Database precision of prices and costs. Values are rounded to <see cref="Scale"/> places before they are
/// stored, so that a value read back equals the value computed on every engine (PostgreSQL rounds to the
/// column's scale; SQLite keeps text) and re-imports and re-rates see no phantom changes.
/// </summary>
internal static class PricePrecision
{
    /// <summary>Matches <c>HasPrecision(20, 10)</c> of <c>UsageRecord.CostUsd</c>.</summary>
    public const int Precision = 20;

    /// <summary>1e-10 USD per million tokens is 1e-16 USD per token: far below anything a provider bills.</summary>
    public const int Scale = 10;

    public static decimal Round(decimal value) => decimal.Round(value, Scale, MidpointRounding.ToEven);

    public static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;
}
