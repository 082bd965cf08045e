using System.ComponentModel.DataAnnotations;

namespace SpendOps.Core.Telemetry;

/// <summary><c>Jobs:Retention</c>: how often old raw telemetry batches and silent series states are deleted.</summary>
public sealed class RetentionJobOptions
{
    public bool Enabled { get; set; } = true;

    [Range(1, 10_080)]
    public int IntervalMinutes { get; set; } = 60;
}
