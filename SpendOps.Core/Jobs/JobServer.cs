using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Registers the recurring jobs and runs this instance's Hangfire server, or does neither when <c>Jobs:Enabled</c> is
/// false. Hangfire's own <c>AddHangfireServer</c> would always start one: the switch has to be read from options when
/// the host starts, after tests and hosts have added their configuration.
/// </summary>
/// <remarks>
/// Takes the service provider rather than the storage: creating PostgreSQL storage connects and prepares its schema,
/// which an instance with jobs off must not wait for at start (the dashboard creates it on first use instead).
/// </remarks>
internal sealed class JobServer(IServiceProvider services, IOptions<JobsOptions> options) : IHostedService, IAsyncDisposable
{
    /// <summary>
    /// One per job and a spare for a run that waits on the previous run's lock. Not more: every idle worker polls the
    /// queue (PostgreSQL: once per schedule polling interval), and Hangfire's default is 5 per core.
    /// </summary>
    private const int WorkerCount = 3;

    private BackgroundJobServer? server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = options.Value;
        if (!jobs.Enabled)
            return Task.CompletedTask;
        RecurringJobs.Register(services.GetRequiredService<IRecurringJobManager>(), jobs);
        var filters = new JobFilterCollection { new JobRunFilter(services.GetRequiredService<JobMetrics>()) };
        // After [DisableConcurrentExecution] (order -1, so it runs first): this server's own runs of a job still wait for
        // each other there, and the lock file only turns away a run while 'jobs run' elsewhere holds it.
        filters.Add(new SqliteJobLockFilter(services.GetRequiredService<SqliteJobLockFile>()), order: 1);
        server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                WorkerCount = WorkerCount,
                SchedulePollingInterval = RecurringJobs.SchedulePollingInterval(jobs),
                // This host's services, not Hangfire's static defaults: tests run several hosts in one process.
                Activator = services.GetRequiredService<JobActivator>(),
                FilterProvider = new JobFilterProviderCollection { JobFilterProviders.Providers, filters },
            },
            services.GetRequiredService<JobStorage>());
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is null)
            return;
        server.SendStop();
        await server.WaitForShutdownAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        server?.Dispose();
        return ValueTask.CompletedTask;
    }
}
