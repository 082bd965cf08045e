using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Budgets;
using SpendOps.Core.Pricing;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Jobs;

internal static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire with every module's recurring jobs, its storage in the configured database (<see cref="JobStorageFactory"/>).
    /// The storage and the client services are registered even when <c>Jobs:Enabled</c> is false, so the dashboard shows
    /// what the job instances sharing the database do; only <see cref="JobServer"/> looks at the switch.
    /// </summary>
    public static IHostApplicationBuilder AddSpendOpsJobs(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<JobsOptions>, JobsOptionsValidator>());

        // Registered before AddHangfire, whose defaults are Hangfire's process-wide statics (JobStorage.Current,
        // JobActivator.Current): each host gets its own storage and resolves jobs from its own container, one DI
        // scope per run.
        services.TryAddSingleton(JobStorageFactory.Create);
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, configuration) =>
        {
            HangfireLogBridge.Attach(sp.GetRequiredService<ILoggerFactory>());
            configuration
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogBridge.Instance);
        });

        services.TryAddSingleton<JobMetrics>();
        services.TryAddSingleton<SqliteJobLockFile>();
        services.TryAddSingleton<JobRunLock>();
        services.TryAddSingleton<JobRunner>();
        services.TryAddScoped<PricingJob>();
        services.TryAddScoped<RetentionJob>();
        services.TryAddScoped<BudgetEvaluationJob>();
        services.TryAddScoped<UsageRollupJob>();
        services.AddHostedService<JobServer>();
        return builder;
    }
}
