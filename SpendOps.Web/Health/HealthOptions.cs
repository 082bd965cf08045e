using System.ComponentModel.DataAnnotations;

namespace SpendOps.Web.Health;

/// <summary>The <c>Health</c> section: when <c>/readyz</c> takes an instance out of a load balancer's rotation.</summary>
internal sealed class HealthOptions
{
    public const string SectionName = "Health";

    /// <summary>Not ready once the usage queue holds this share of its records or bytes: the writer is not keeping up.</summary>
    [Range(1, 100)]
    public int QueueHighWaterPercent { get; set; } = 80;

    /// <summary>Not ready once the spill folder holds this share of its quota: overflowing records would soon be lost.</summary>
    [Range(1, 100)]
    public int SpillHighWaterPercent { get; set; } = 90;
}
