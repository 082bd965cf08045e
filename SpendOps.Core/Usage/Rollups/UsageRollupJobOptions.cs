using System.ComponentModel.DataAnnotations;

namespace SpendOps.Core.Usage.Rollups;

/// <summary><c>Jobs:Rollups</c>: how often changed hours are rolled up again.</summary>
public sealed class UsageRollupJobOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 1440)]
    public int IntervalMinutes { get; set; } = 5;
}
