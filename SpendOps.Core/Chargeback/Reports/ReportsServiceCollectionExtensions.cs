using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SpendOps.Core.Chargeback.Reports;

internal static class ReportsServiceCollectionExtensions
{
    /// <summary>Scheduled reports: the schedules, the producer and its job; the job is scheduled by <c>AddSpendOpsJobs</c>.</summary>
    public static IHostApplicationBuilder AddSpendOpsReports(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddScoped<ReportScheduleService>();
        builder.Services.TryAddSingleton<ReportMailer>();
        builder.Services.TryAddSingleton<ReportProducer>();
        builder.Services.TryAddScoped<ReportJob>();
        return builder;
    }
}
