using Microsoft.Extensions.Hosting;

namespace SpendOps.Core.Data;

/// <summary>
/// Migrates the database before anything else starts: hosted services start one after another, and this one is
/// registered first, so the key cache, the usage writer and the jobs always find a ready schema.
/// </summary>
internal sealed class DatabaseStartup(DatabaseMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
