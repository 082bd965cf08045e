namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// The dimension rollups of one tenant's UTC day summed again without the key, as <see cref="UsageDailyRollup"/> sums
/// the hourly ones: <see cref="UsageRollupKeys.ApiKeyId"/> is always null and <see cref="UsageRollupKeys.Hour"/> is the
/// day's midnight, UTC. A month by team over ten million generated calls is 313,000 hourly dimension rows and 46,800
/// daily ones. Groupings and filters on one dimension that need no key read these for the whole clean days of their period.
/// </summary>
public sealed class UsageDailyDimensionRollup : UsageRollupKeys, IDimensionRollup
{
    public required string DimensionName { get; set; }
    public required string DimensionValue { get; set; }
}
