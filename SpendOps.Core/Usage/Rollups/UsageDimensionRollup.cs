namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// Like <see cref="UsageHourlyRollup"/>, split further by one dimension's value: a call with two dimensions is in two
/// rows (one per name), a call without dimensions in none. Groupings and filters on one dimension read these.
/// </summary>
public sealed class UsageDimensionRollup : UsageRollupKeys, IDimensionRollup
{
    public required string DimensionName { get; set; }
    public required string DimensionValue { get; set; }
}
