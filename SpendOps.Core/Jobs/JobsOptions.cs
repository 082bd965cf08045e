using SpendOps.Core.Pricing;
using SpendOps.Core.Telemetry;

namespace SpendOps.Core.Jobs;

/// <summary>
/// The <c>Jobs</c> section: the background jobs of all modules. <see cref="Enabled"/> false keeps the
/// scheduler from starting at all (tests do this and trigger the work directly); each job also has its own
/// switch and schedule.
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public bool Enabled { get; set; } = true;

    public PricingJobOptions Pricing { get; set; } = new();

    public RetentionJobOptions Retention { get; set; } = new();
}
