using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SpendOps.Core.Usage.Rollups;

internal static class RollupServiceCollectionExtensions
{
    /// <summary>The rollup builder (its job is registered with the other jobs) and the per-call retention setting.</summary>
    public static IHostApplicationBuilder AddSpendOpsRollups(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<UsageRetentionOptions>().BindConfiguration(UsageRetentionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddScoped<UsageRollupBuilder>();
        return builder;
    }
}
