using System.ComponentModel.DataAnnotations;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>The <c>Usage</c> section's retention of per-call records (the proxy's queue settings share the section).</summary>
public sealed class UsageRetentionOptions
{
    public const string SectionName = "Usage";

    /// <summary>
    /// Days per-call usage records are kept; older ones are deleted by the retention job once their hours are rolled
    /// up, and totals go on from the hourly rollups. 0 (the default): kept forever.
    /// </summary>
    [Range(0, 36_500)]
    public int RecordRetentionDays { get; set; }
}
