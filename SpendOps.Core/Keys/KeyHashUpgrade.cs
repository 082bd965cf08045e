using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Data;

namespace SpendOps.Core.Keys;

/// <summary>
/// Run at every start, after the migrations: records the hash secret's check value on a new database, says so (once)
/// when this instance's secret is not the one the keys were stored with, and rewrites keys still stored as a plain
/// SHA-256 (from before the server secret) as <see cref="KeyHasher.FromLegacy"/>. The migration cannot do that, as it
/// does not have the secret. Safe with several instances starting at once: a row is rewritten only while it still holds the value read.
/// </summary>
public sealed partial class KeyHashUpgrade(IDbContextFactory<SpendOpsDbContext> contexts, KeyHasher hasher, ILogger<KeyHashUpgrade> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var check = hasher.Check;
        await db.KeyStoreStates.Where(s => s.Id == KeyStoreState.RowId && s.HashSecretCheck == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.HashSecretCheck, check), cancellationToken);
        var stored = await db.KeyStoreStates.AsNoTracking().Where(s => s.Id == KeyStoreState.RowId)
            .Select(s => s.HashSecretCheck).FirstOrDefaultAsync(cancellationToken);
        if (stored != check)
        {
            // Rewriting old rows with the wrong secret would break them for the instances that have the right one.
            LogSecretMismatch(logger);
            return;
        }

        var apiKeys = await db.ApiKeys.Where(k => !k.SecretHash.StartsWith(KeyHasher.Scheme))
            .Select(k => new { k.Id, k.SecretHash }).ToListAsync(cancellationToken);
        var ingestKeys = await db.IngestKeys.Where(k => !k.SecretHash.StartsWith(KeyHasher.Scheme))
            .Select(k => new { k.Id, k.SecretHash }).ToListAsync(cancellationToken);
        if (apiKeys.Count + ingestKeys.Count == 0)
            return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // A new version, so that caches on instances already running pick the rewritten rows up.
        var version = await KeyChangeVersions.NextVersionAsync(db, cancellationToken);
        foreach (var key in apiKeys)
        {
            // Only if the row is still the one read: a key rotated meanwhile keeps its new hash.
            var upgraded = hasher.FromLegacy(key.SecretHash);
            await db.ApiKeys.Where(k => k.Id == key.Id && k.SecretHash == key.SecretHash)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.SecretHash, upgraded).SetProperty(k => k.ChangeVersion, version), cancellationToken);
        }
        foreach (var key in ingestKeys)
        {
            var upgraded = hasher.FromLegacy(key.SecretHash);
            await db.IngestKeys.Where(k => k.Id == key.Id && k.SecretHash == key.SecretHash)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.SecretHash, upgraded), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogUpgraded(logger, apiKeys.Count, ingestKeys.Count);
    }

    [LoggerMessage(Level = LogLevel.Error,
        Message = "The key hash secret does not match the one this database's keys were stored with: every API key and ingest key will be refused. Give this instance the same Keys:HashSecret (or key-hash-secret file) as the other instances.")]
    private static partial void LogSecretMismatch(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored {ApiKeys} API key(s) and {IngestKeys} ingest key(s) as keyed hashes")]
    private static partial void LogUpgraded(ILogger logger, int apiKeys, int ingestKeys);
}
