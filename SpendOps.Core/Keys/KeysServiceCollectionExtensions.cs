using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SpendOps.Core.Keys;

internal static class KeysServiceCollectionExtensions
{
    /// <summary>The key hash secret (validated at start), the hasher and the start-up upgrade of old hashes.</summary>
    public static void AddSpendOpsKeys(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<KeyOptions>().BindConfiguration(KeyOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KeyOptions>, KeyOptionsValidator>());
        services.TryAddSingleton(sp => KeyHashSecret.Load(sp.GetRequiredService<IOptions<KeyOptions>>(), sp.GetRequiredService<SpendOps.Core.Data.DataFolder>(), sp.GetRequiredService<ILogger<KeyHashSecret>>()));
        services.TryAddSingleton<KeyHasher>();
        services.TryAddSingleton<KeyHashUpgrade>();
    }
}
