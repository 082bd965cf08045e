using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

/// <summary>
/// On SQLite the usage writer stores every call's dimensions as rows of their own: the table is one B-tree ordered by
/// (record, name), with no foreign key to check per row, on a new database and on one upgraded with rows in it.
/// </summary>
public sealed class SqliteUsageSchemaTests : IAsyncLifetime
{
    private const string MigrationBefore = "20261203074213_LeanUsageIndexes";
    private readonly TestDatabase database = TestDatabase.Sqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task NewDatabase_DimensionRows_AreOneBTreeWithoutForeignKey()
    {
        await using (var db = CreateContext())
            await db.Database.MigrateAsync();

        await AssertLeanDimensionTableAsync();
    }

    [Fact]
    public async Task UpgradedDatabase_KeepsEveryDimensionRow_InTheLeanTable()
    {
        var tenant = Guid.NewGuid();
        await using (var db = CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(MigrationBefore);
            // Today's model writes the record's rollup mark with the batch-range columns a later migration adds: they
            // exist only while the record is saved.
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "RollupDirtyHours" ADD "FirstRecordId" INTEGER; ALTER TABLE "RollupDirtyHours" ADD "LastRecordId" INTEGER;""");
            db.Tenants.Add(new SpendOps.Core.Tenancy.Tenant { Id = tenant, Name = "upgraded" });
            db.UsageRecords.Add(Record(tenant, "before-upgrade", ("team", "search"), ("user.id", "install-7")));
            await db.SaveChangesAsync();
            await db.Database.ExecuteSqlRawAsync("""ALTER TABLE "RollupDirtyHours" DROP "FirstRecordId"; ALTER TABLE "RollupDirtyHours" DROP "LastRecordId";""");
        }

        await using (var db = CreateContext())
            await db.Database.MigrateAsync();

        await AssertLeanDimensionTableAsync();
        await using var read = CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).SingleAsync(r => r.RequestId == "before-upgrade");
        Assert.Equal(["team=search", "user.id=install-7"], stored.DimensionRows.Select(d => $"{d.Name}={d.Value}").Order());
    }

    private async Task AssertLeanDimensionTableAsync()
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        var table = await ScalarAsync(connection, """SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'UsageDimensions'""");
        Assert.Contains("WITHOUT ROWID", table, StringComparison.Ordinal);
        Assert.Equal("0", await ScalarAsync(connection, """SELECT count(*) FROM pragma_foreign_key_list('UsageDimensions')"""));
        // The two lookups of Claude Code's ids keep their partial indexes.
        Assert.Equal("IX_UsageDimensions_InstallId,IX_UsageDimensions_SessionId", await ScalarAsync(connection,
            """SELECT group_concat(name, ',') FROM (SELECT name FROM pragma_index_list('UsageDimensions') WHERE origin = 'c' ORDER BY name)"""));
    }

    private static async Task<string> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    private static UsageRecord Record(Guid tenant, string requestId, params (string Name, string Value)[] dims) => new()
    {
        RequestId = requestId,
        TenantId = tenant,
        Timestamp = new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero),
        Source = UsageSource.Proxy,
        Provider = "openai",
        Endpoint = "/v1/chat/completions",
        DimensionRows = [.. dims.Select(d => new UsageDimension { Name = d.Name, Value = d.Value })],
    };

    private SqliteSpendOpsDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite(database.ConnectionString).Options);
}
