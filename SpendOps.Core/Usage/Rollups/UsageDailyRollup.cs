namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// The hourly rollups of one tenant's UTC day summed again without the key (<see cref="UsageRollupKeys.ApiKeyId"/> is
/// always null; <see cref="UsageRollupKeys.Hour"/> is the day's midnight, UTC). Keys multiply the rows: over ten million
/// generated calls a month of the largest tenant is 287,000 hourly rows and 10,300 daily ones. Totals that neither
/// filter nor group by key read these for the whole clean days of their period (<see cref="RollupSplit"/>).
/// </summary>
public sealed class UsageDailyRollup : UsageRollupKeys;
