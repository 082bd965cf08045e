namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// An hour whose per-call records were deleted by <c>Usage:RecordRetentionDays</c>: its rollups are the only account of
/// it and are never rebuilt from raw records again. A record arriving late for it is added to its rollups, then deleted.
/// </summary>
public sealed class RollupRetainedHour
{
    public Guid TenantId { get; set; }
    public DateTimeOffset Hour { get; set; }
    public DateTimeOffset RetainedAt { get; set; }
}
