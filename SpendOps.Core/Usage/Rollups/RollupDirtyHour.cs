using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// "The records of this tenant's hour changed": written in the transaction that inserts, re-prices, supersedes or
/// deletes them, and removed by the rollup job in the transaction that rebuilds the hour (or adds the batch it names).
/// Plain inserts (duplicates allowed) so writers never conflict with each other; queries read raw records for a marked
/// hour.
/// </summary>
public sealed class RollupDirtyHour : ITenantOwned
{
    public long Id { get; set; }
    public Guid TenantId { get; set; }
    public DateTimeOffset Hour { get; set; }

    /// <summary><see cref="Hour"/> plus one hour, stored so queries can join records to it without date arithmetic in SQL.</summary>
    public DateTimeOffset HourEnd { get; set; }

    /// <summary>
    /// The ids of the usage writer's batch, when the mark is for records it has just inserted (on SQLite, where the ids
    /// are chosen in commit order): the rollup job then adds the hour's records among them to its rollups instead of
    /// summing the whole hour again. Null for every other change, which has the hour summed again.
    /// </summary>
    public long? FirstRecordId { get; set; }

    public long? LastRecordId { get; set; }

    public static RollupDirtyHour For(Guid tenantId, DateTimeOffset timestamp)
    {
        var hour = RollupHours.Floor(timestamp);
        return new RollupDirtyHour { TenantId = tenantId, Hour = hour, HourEnd = hour.AddHours(1) };
    }
}
