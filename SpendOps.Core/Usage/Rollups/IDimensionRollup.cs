namespace SpendOps.Core.Usage.Rollups;

/// <summary>A rollup split by one dimension's value, hourly (<see cref="UsageDimensionRollup"/>) or daily (<see cref="UsageDailyDimensionRollup"/>).</summary>
public interface IDimensionRollup
{
    string DimensionName { get; }
    string DimensionValue { get; }
}
