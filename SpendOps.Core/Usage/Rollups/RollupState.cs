namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// One row once the rollup job has marked every hour that had records before rollups existed. Until then every query
/// reads raw records only.
/// </summary>
public sealed class RollupState
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public DateTimeOffset BackfilledAt { get; set; }

    /// <summary>
    /// When the daily rollups, of both kinds, were first complete (every day with hourly rollups summed once); null until
    /// then, and queries do not read them. Set with <see cref="BackfilledAt"/> on a new database, by a later run after an
    /// upgrade; a migration that adds a kind of daily rollup clears it.
    /// </summary>
    public DateTimeOffset? DaysBuiltAt { get; set; }
}
