namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// What one rollup run did: whether it marked the hours of older records, hours rebuilt, retained hours merged, and
/// whether it stopped at <see cref="UsageRollupBuilder.MaxHoursPerRun"/> with marked hours left for the next run.
/// </summary>
public sealed record UsageRollupResult(bool Backfilled, int HoursRebuilt, int RetainedHoursMerged, bool HoursLeft);
