namespace SpendOps.Core.Usage.Rollups;

/// <summary>Calls of one tenant in one UTC hour with the same keys, summed (superseded records left out, as in every total).</summary>
public sealed class UsageHourlyRollup : UsageRollupKeys;
