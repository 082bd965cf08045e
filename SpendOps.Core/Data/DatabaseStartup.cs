using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing;

namespace SpendOps.Core.Data;

/// <summary>
/// Prepares the database before anything else starts: migrations, then the price catalog on a database that
/// has no prices yet, the key hash check and upgrade (<see cref="KeyHashUpgrade"/>), and the correction of catalog prices that break a provider's rule. Hosted services start one after another and this one is placed first of all, so the data-protection key ring, the key
/// cache, the usage writer and the jobs always find a ready schema. The command line runs the same steps.
/// </summary>
internal sealed class DatabaseStartup(IServiceScopeFactory scopes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => PrepareAsync(scopes, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public static async Task PrepareAsync(IServiceScopeFactory scopes, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<KeyHashUpgrade>().RunAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<PriceService>().SeedCatalogAsync(cancellationToken);
    }
}
