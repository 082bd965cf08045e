using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>
/// Inserts rebuilt rollup rows in the caller's transaction the way the usage writer inserts records: binary <c>COPY</c>
/// on PostgreSQL, prepared multi-row statements on SQLite, EF elsewhere. A backlog of months is millions of rollup
/// rows, and EF's change tracking made inserting them most of the rebuild's time.
/// </summary>
internal static class RollupBulkWriter
{
    private const string HourlyTable = "UsageHourlyRollups";
    private const string DimensionTable = "UsageDimensionRollups";
    private const string DailyTable = "UsageDailyRollups";
    private const string DailyDimensionTable = "UsageDailyDimensionRollups";
    private const int RowsPerStatement = 64;

    private static readonly string[] Hourly =
    [
        "TenantId", "Hour", "Provider", "Endpoint", "ModelRequested", "ModelReported", "ApiKeyId", "Source", "Estimated", "UsageComplete",
        "PricingStatus", "CostSource", "HasProviderCost", "Calls", "InputTokens", "CacheReadTokens", "CacheWriteTokens", "OutputTokens",
        "ReasoningTokens", "CostUsd", "ProviderCostUsd",
    ];

    private static readonly string[] Dimension = [.. Hourly, "DimensionName", "DimensionValue"];

    private static readonly HashSet<IModel> Verified = new(ReferenceEqualityComparer.Instance);

    public static async Task InsertAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageHourlyRollup> hourly, IReadOnlyCollection<UsageDimensionRollup> dimensions,
        CancellationToken cancellationToken)
    {
        await InsertRowsAsync(db, HourlyTable, Hourly, hourly, cancellationToken);
        await InsertRowsAsync(db, DimensionTable, Dimension, dimensions, cancellationToken);
    }

    public static async Task InsertDailyAsync(SpendOpsDbContext db, IReadOnlyCollection<UsageDailyRollup> daily, IReadOnlyCollection<UsageDailyDimensionRollup> dimensions,
        CancellationToken cancellationToken)
    {
        await InsertRowsAsync(db, DailyTable, Hourly, daily, cancellationToken);
        await InsertRowsAsync(db, DailyDimensionTable, Dimension, dimensions, cancellationToken);
    }

    private static async Task InsertRowsAsync<T>(SpendOpsDbContext db, string table, string[] columns, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : UsageRollupKeys
    {
        if (rows.Count == 0)
            return;
        switch (db.Database.GetDbConnection())
        {
            case SqliteConnection sqlite:
                Verify(db.Model);
                var database = sqlite.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
                using (var blocks = new SqliteRowBlocks(database, table, columns, RowsPerStatement, rows.Count))
                {
                    foreach (var row in rows)
                    {
                        Write(row, blocks.Next());
                        blocks.EndRow();
                    }
                }
                break;
            case NpgsqlConnection postgres:
                Verify(db.Model);
                await CopyAsync(postgres, table, columns, rows, cancellationToken);
                break;
            default:
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                try
                {
                    db.Set<T>().AddRange(rows);
                    await db.SaveChangesAsync(cancellationToken);
                }
                finally
                {
                    db.ChangeTracker.AutoDetectChangesEnabled = true;
                }
                break;
        }
    }

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, string[] columns, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : UsageRollupKeys
    {
        await using var copy = await PostgresCopyWriter.BeginAsync(connection, table, columns, cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            Write(row, copy);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>One row's values in the order of <see cref="Hourly"/> (and <see cref="Dimension"/>); daily rows have the columns of their hourly kind.</summary>
    private static void Write<TWriter>(UsageRollupKeys r, TWriter w) where TWriter : IUsageColumnWriter
    {
        w.Uuid(r.TenantId);
        w.Time(r.Hour);
        w.Text(r.Provider);
        w.Text(r.Endpoint);
        UsageColumns.Text(w, r.ModelRequested);
        UsageColumns.Text(w, r.ModelReported);
        UsageColumns.Text(w, r.ApiKeyId);
        w.Int32((int)r.Source);
        w.Boolean(r.Estimated);
        w.Boolean(r.UsageComplete);
        w.Int32((int)r.PricingStatus);
        if (r.CostSource is { } source)
            w.Int32((int)source);
        else
            w.Null();
        w.Boolean(r.HasProviderCost);
        w.Int64(r.Calls);
        w.Int64(r.InputTokens);
        w.Int64(r.CacheReadTokens);
        w.Int64(r.CacheWriteTokens);
        w.Int64(r.OutputTokens);
        w.Int64(r.ReasoningTokens);
        w.Money(r.CostUsd);
        w.Money(r.ProviderCostUsd);
        if (r is IDimensionRollup d)
        {
            w.Text(d.DimensionName);
            w.Text(d.DimensionValue);
        }
    }

    /// <summary>Throws when the model's rollup columns are not exactly the ones written here (checked once per model).</summary>
    private static void Verify(IModel model)
    {
        lock (Verified)
        {
            if (Verified.Contains(model))
                return;
        }
        UsageColumns.Compare(model.FindEntityType(typeof(UsageHourlyRollup))!, ["Id", .. Hourly]);
        UsageColumns.Compare(model.FindEntityType(typeof(UsageDimensionRollup))!, ["Id", .. Dimension]);
        UsageColumns.Compare(model.FindEntityType(typeof(UsageDailyRollup))!, ["Id", .. Hourly]);
        UsageColumns.Compare(model.FindEntityType(typeof(UsageDailyDimensionRollup))!, ["Id", .. Dimension]);
        lock (Verified)
            Verified.Add(model);
    }
}
