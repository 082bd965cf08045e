namespace SpendOps.Core.Usage.Rollups;

/// <summary>What one rollup run did: whether it marked the hours of older records, hours rebuilt, retained hours merged.</summary>
public sealed record UsageRollupResult(bool Backfilled, int HoursRebuilt, int RetainedHoursMerged);
