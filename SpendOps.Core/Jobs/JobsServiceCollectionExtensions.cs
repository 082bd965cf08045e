using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;
using SpendOps.Core.Pricing;
using SpendOps.Core.Telemetry;

namespace SpendOps.Core.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Quartz with every module's scheduled jobs, in the in-memory store: each instance runs its own schedule,
    /// which is safe because the jobs are idempotent (pricing touches only pending/unpriced rows). When several
    /// instances share PostgreSQL, switch to Quartz's persistent store with clustering (<c>UsePersistentStore</c>
    /// + <c>UseClustering</c>) so each fire runs once across the cluster.
    /// </summary>
    public static IHostApplicationBuilder AddSpendOpsJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());

        builder.AddQuartz(quartz =>
        {
            // Schedules are read from validated options when the scheduler is built, not from raw configuration
            // now, so that a host's (or a test's) configuration overrides apply.
            quartz.ScheduleJob<PricingJob>(
                (services, trigger) => trigger
                    .WithIdentity(PricingJob.Name)
                    .WithSimpleSchedule(TimeSpan.FromSeconds(Jobs(services).Pricing.IntervalSeconds)),
                (_, job) => job.WithIdentity(PricingJob.Name));
            quartz.ScheduleJob<RetentionJob>(
                (services, trigger) => trigger
                    .WithIdentity(RetentionJob.Name)
                    .WithSimpleSchedule(TimeSpan.FromMinutes(Jobs(services).Retention.IntervalMinutes)),
                (_, job) => job.WithIdentity(RetentionJob.Name));
        });
        builder.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        builder.Services.AddOptions<QuartzHostedServiceOptions>()
            .Configure<IOptions<JobsOptions>>((hosted, jobs) => hosted.AutoStart = jobs.Value.Enabled);
        return builder;
    }

    private static JobsOptions Jobs(IServiceProvider services) => services.GetRequiredService<IOptions<JobsOptions>>().Value;
}
