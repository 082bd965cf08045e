using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace SpendOps.Core.Pricing;

internal static class PricingServiceCollectionExtensions
{
    /// <summary>Price table services; the pricing job itself is scheduled by <c>AddSpendOpsJobs</c>.</summary>
    public static IHostApplicationBuilder AddSpendOpsPricing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<PricingMetrics>();
        builder.Services.TryAddSingleton<PricingRunner>();
        builder.Services.TryAddSingleton<PriceCache>();
        builder.Services.TryAddScoped<CatalogImporter>();
        builder.Services.TryAddScoped<PriceService>();
        return builder;
    }
}
