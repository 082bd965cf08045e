using SpendOps.Core.Alerts;
using SpendOps.Core.Budgets;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Pricing;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Jobs;

/// <summary>
/// The <c>Jobs</c> section: the background jobs of all modules. <see cref="Enabled"/> false starts no Hangfire server
/// on this instance and registers no recurring jobs (tests do this and trigger the work directly; a web-only instance
/// beside job instances does it too); each job also has its own switch and schedule.
/// </summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public bool Enabled { get; set; } = true;

    public PricingJobOptions Pricing { get; set; } = new();

    public RetentionJobOptions Retention { get; set; } = new();

    public BudgetJobOptions Budgets { get; set; } = new();
    public AlertDispatchJobOptions AlertDispatch { get; set; } = new();
    public ReportJobOptions Reports { get; set; } = new();
    public UsageRollupJobOptions Rollups { get; set; } = new();

    internal TimeSpan PricingInterval => TimeSpan.FromSeconds(Pricing.IntervalSeconds);

    internal TimeSpan RetentionInterval => TimeSpan.FromMinutes(Retention.IntervalMinutes);

    internal TimeSpan BudgetsInterval => TimeSpan.FromSeconds(Budgets.IntervalSeconds);
    internal TimeSpan AlertDispatchInterval => TimeSpan.FromSeconds(AlertDispatch.IntervalSeconds);
    internal TimeSpan RollupsInterval => TimeSpan.FromMinutes(Rollups.IntervalMinutes);
}
