using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Keys;

/// <summary>
/// Stamps every saved change to a key, or to a tenant's dimension catalogue, with a version taken from the one
/// <see cref="KeyStoreState"/> row in the same transaction. Incrementing that row locks it until the commit, so
/// versions become visible in order: a cache that has seen version N has seen every change up to N, whatever the
/// writers' clocks say (timestamps from skewed clocks, or transactions committing out of order, let it miss one).
/// </summary>
internal sealed class KeyChangeVersions : SaveChangesInterceptor
{
    // A transaction this interceptor opened for a save that had none, committed or rolled back when the save ends.
    private readonly ConditionalWeakTable<DbContext, IDbContextTransaction> owned = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
            await StampAsync(context, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context)
            StampAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && owned.TryGetValue(context, out var transaction))
        {
            owned.Remove(context);
            await using (transaction)
                await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => RollBackAsync(eventData.Context).GetAwaiter().GetResult();

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        RollBackAsync(eventData.Context);

    private async Task StampAsync(DbContext context, CancellationToken cancellationToken)
    {
        var changed = context.ChangeTracker.Entries().Where(IsWatchedChange).ToList();
        if (changed.Count == 0)
            return;
        if (context.Database.CurrentTransaction is null)
            owned.AddOrUpdate(context, await context.Database.BeginTransactionAsync(cancellationToken));
        var version = await NextVersionAsync(context, cancellationToken);
        foreach (var entry in changed)
        {
            switch (entry.Entity)
            {
                case ApiKey key:
                    key.ChangeVersion = version;
                    break;
                case Tenant tenant:
                    tenant.DimsChangeVersion = version;
                    break;
            }
        }
    }

    private static bool IsWatchedChange(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entry) => entry.Entity switch
    {
        // A last-use time alone changes nothing a cache holds, and is written often.
        ApiKey => entry.State == EntityState.Added
            || (entry.State == EntityState.Modified && entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(ApiKey.LastUsedAt))),
        Tenant => entry.State == EntityState.Added
            || (entry.State == EntityState.Modified && entry.Property(nameof(Tenant.DimsChangedAt)).IsModified),
        _ => false,
    };

    /// <summary>Takes the next version inside the context's current transaction.</summary>
    internal static async Task<long> NextVersionAsync(DbContext context, CancellationToken cancellationToken)
    {
        var sql = context.Database.ProviderName switch
        {
            "Microsoft.EntityFrameworkCore.SqlServer" =>
                "UPDATE [KeyStoreState] SET [ChangeVersion] = [ChangeVersion] + 1 OUTPUT INSERTED.[ChangeVersion] WHERE [Id] = 1",
            _ => """UPDATE "KeyStoreState" SET "ChangeVersion" = "ChangeVersion" + 1 WHERE "Id" = 1 RETURNING "ChangeVersion" """,
        };
        var connection = context.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        var value = await command.ExecuteScalarAsync(cancellationToken)
            ?? throw new InvalidOperationException("The KeyStoreState row is missing; apply the database migrations.");
        return Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task RollBackAsync(DbContext? context)
    {
        if (context is null || !owned.TryGetValue(context, out var transaction))
            return;
        owned.Remove(context);
        await using (transaction)
            await transaction.RollbackAsync();
    }
}
