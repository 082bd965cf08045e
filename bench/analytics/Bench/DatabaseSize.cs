using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Bench.Analytics;

/// <summary>How much disk the database takes: the SQLite file with its WAL, or PostgreSQL's <c>pg_database_size</c>.</summary>
internal static class DatabaseSize
{
    public static async Task<string> MeasureAsync(SpendOpsDbContext db, CancellationToken cancellationToken)
    {
        long bytes;
        if (db.Database.IsNpgsql())
            bytes = await db.Database.SqlQueryRaw<long>("SELECT pg_database_size(current_database()) AS \"Value\"").SingleAsync(cancellationToken);
        else
        {
            var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            bytes = new[] { file, file + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        }
        return string.Create(CultureInfo.InvariantCulture, $"database size {bytes / 1_000_000.0:N0} MB");
    }
}
