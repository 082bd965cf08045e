using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using SpendOps.Core.Alerts;

namespace SpendOps.Core.Budgets;

internal static class BudgetServiceCollectionExtensions
{
    /// <summary>Budget services; the evaluation job itself is scheduled by <c>AddSpendOpsJobs</c>, the alert outbox registered by <c>AddSpendOpsAlerts</c>.</summary>
    public static IHostApplicationBuilder AddSpendOpsBudgets(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddScoped<BudgetService>();
        builder.Services.TryAddScoped<AlertService>();
        builder.Services.TryAddScoped<BudgetEvaluator>();
        builder.Services.TryAddSingleton<BudgetEvaluationSignal>();
        builder.Services.TryAddSingleton<BudgetMetrics>();
        return builder;
    }
}
