using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SpendOps.Core.Alerts;
using SpendOps.Core.Chargeback.Reports;
using SpendOps.Core.Audit;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Jobs;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The database, the domain services and the background jobs.</summary>
    public static IHostApplicationBuilder AddSpendOpsCore(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => DataFolder.From(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        builder.Services.AddHostedService<DataFolderLog>();
        builder.AddSpendOpsDatabase();
        // First of all hosted services, whatever was registered before: the data-protection key ring, for one, is read
        // from the database by its own hosted service, and on a new database the tables must exist by then.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseStartup>());
        builder.Services.TryAddScoped<AuditLog>();
        builder.Services.TryAddScoped<TenantService>();
        builder.Services.TryAddScoped<TenantDimsService>();
        builder.Services.TryAddScoped<TenantUserService>();
        builder.AddSpendOpsKeys();
        builder.Services.TryAddScoped<ApiKeyService>();
        builder.Services.TryAddScoped<UsageExporter>();
        builder.AddSpendOpsPricing();
        builder.AddSpendOpsAlerts();
        builder.AddSpendOpsReports();
        builder.AddSpendOpsJobs();
        builder.Services.TryAddScoped<TelemetryConnectionService>();
        builder.AddSpendOpsBudgets();
        builder.AddSpendOpsRollups();
        return builder;
    }
}
