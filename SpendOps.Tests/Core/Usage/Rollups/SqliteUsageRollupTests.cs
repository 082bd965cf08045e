using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;
using SpendOps.Tests.Core.Budgets;

namespace SpendOps.Tests.Core.Usage.Rollups;

/// <summary>Rollups and per-call retention on SQLite.</summary>
public sealed class SqliteUsageRollupTests(SqliteUsageDatabaseFixture fixture) : UsageRollupScenarios(fixture), IClassFixture<SqliteUsageDatabaseFixture>
{
    [Fact]
    public Task Totals_FromRollupsWithDirtyHoursAndRaggedEdges_EqualHandSumsAndRaw() => Totals_FromRollupsWithDirtyHoursAndRaggedEdges_EqualHandSumsAndRawAsync();

    [Fact]
    public Task Retention_DeletesRolledUpHoursOnly_AndTotalsStay() => Retention_DeletesRolledUpHoursOnly_AndTotalsStayAsync();

    [Fact]
    public Task Rebuild_OfMarkedHoursAroundARetainedHour_KeepsItsRollups() => Rebuild_OfMarkedHoursAroundARetainedHour_KeepsItsRollupsAsync();

    /// <summary>The planner's statistics exist after a run that rebuilt hours, so queries over rollups are planned from them.</summary>
    [Fact]
    public async Task Run_ThatRebuiltHours_LeavesPlannerStatistics()
    {
        var seed = new UsageSeed(Guid.NewGuid());
        await fixture.AddAsync(seed.Record("2024-06-01T10:10:00Z", 1.00m, dims: ("team", "x")));

        var result = await new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(result.HoursRebuilt > 0);
        await using var db = fixture.CreateContext();
        var analyzed = await db.Database.SqlQueryRaw<string>("SELECT tbl AS \"Value\" FROM sqlite_stat1").ToListAsync();
        Assert.Contains("UsageDimensionRollups", analyzed);
        Assert.Contains("UsageDailyDimensionRollups", analyzed);
    }

    /// <summary>
    /// SQLite has one writer at a time: the rebuild reads an hour's records before it takes the write lock, so the usage
    /// writer storing a call of that very hour meanwhile is not kept waiting, and the hour stays marked for the next run,
    /// which counts the call.
    /// </summary>
    [Fact]
    public async Task Rebuild_WhileTheWriterStoresACallOfTheSameHour_DoesNotBlockIt_AndTheNextRunCountsIt()
    {
        await new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System).RunAsync(CancellationToken.None);
        var seed = new UsageSeed(Guid.NewGuid());
        // Recent, so the retention scenarios sharing this database leave the hour alone.
        var hour = RollupHours.Floor(DateTimeOffset.UtcNow.AddHours(-2));
        await StoreAsync(fixture.Database.ConnectionString, seed.Record(hour.AddMinutes(5).ToString("O"), 1.00m));
        var duringRead = new StoreDuringFirstRead(seed.TenantId, () => StoreAsync(
            new SqliteConnectionStringBuilder(fixture.Database.ConnectionString) { DefaultTimeout = 3 }.ConnectionString,
            seed.Record(hour.AddMinutes(50).ToString("O"), 2.00m)));

        await new UsageRollupBuilder(new InterceptedContexts(fixture.Database.ConnectionString, duringRead), TimeProvider.System).RunAsync(CancellationToken.None);

        Assert.True(duringRead.Stored);
        await using (var db = fixture.CreateContext())
            Assert.True(await db.RollupDirtyHours.AnyAsync(m => m.TenantId == seed.TenantId));
        await new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System).RunAsync(CancellationToken.None);
        await using (var db = fixture.CreateContext())
        {
            var hourly = await db.UsageHourlyRollups.Where(u => u.TenantId == seed.TenantId).ToListAsync();
            Assert.Equal(2, hourly.Sum(u => u.Calls));
            Assert.Equal(3.00m, hourly.Sum(u => u.CostUsd));
            Assert.False(await db.RollupDirtyHours.AnyAsync(m => m.TenantId == seed.TenantId));
        }
    }

    /// <summary>
    /// An hour whose new calls all came in usage writer batches is not summed again: the run adds those batches' calls to
    /// its rollups, so a busy hour costs each run its new calls only. A call deleted behind the rollups' back (no mark)
    /// shows it: it stays counted while the next batch is added. A correction made through the model (a re-price) marks
    /// the hour, and the next run sums it again from its records.
    /// </summary>
    [Fact]
    public async Task WriterBatches_AreAddedToTheirHour_WithoutSummingItAgain_UntilACorrectionMarksIt()
    {
        var seed = new UsageSeed(Guid.NewGuid());
        var hour = RollupHours.Floor(DateTimeOffset.UtcNow.AddHours(-3));
        var deletedUnseen = seed.Record(At(hour, 5), 1.00m, dims: ("team", "a"));
        await WriteBatchAsync(fixture.Database.ConnectionString, deletedUnseen, seed.Record(At(hour, 10), 2.00m, dims: ("team", "b")));
        await RunAsync();
        await AssertRolledUpAsync(seed.TenantId, calls: 2, cost: 3.00m, teamA: 1.00m);

        await using (var db = fixture.CreateContext())
            await db.Database.ExecuteSqlInterpolatedAsync($"""DELETE FROM "UsageRecords" WHERE "Id" = {deletedUnseen.Id}""");
        var repriced = seed.Record(At(hour, 20), 4.00m, dims: ("team", "a"));
        await WriteBatchAsync(fixture.Database.ConnectionString, repriced);
        await RunAsync();
        await AssertRolledUpAsync(seed.TenantId, calls: 3, cost: 7.00m, teamA: 5.00m);

        await using (var db = fixture.CreateContext())
        {
            var stored = await db.UsageRecords.SingleAsync(r => r.Id == repriced.Id);
            stored.CostUsd = 6.00m;
            await db.SaveChangesAsync();
        }
        await RunAsync();
        await AssertRolledUpAsync(seed.TenantId, calls: 2, cost: 8.00m, teamA: 6.00m);
    }

    /// <summary>
    /// A run reads a marked hour's marks and records in one snapshot: a batch the writer commits while the run sums the
    /// hour is not in this run's sums, and its mark stays, so the next run adds it. Counted once, not twice.
    /// </summary>
    [Fact]
    public async Task Rebuild_WhileTheWriterCommitsABatchOfTheSameHour_CountsItOnce()
    {
        await using (var db = fixture.CreateContext())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        var seed = new UsageSeed(Guid.NewGuid());
        var hour = RollupHours.Floor(DateTimeOffset.UtcNow.AddHours(-4));
        await fixture.AddAsync(seed.Record(At(hour, 5), 1.00m, dims: ("team", "a")));
        var duringRead = new StoreDuringFirstRead(seed.TenantId, () => WriteBatchAsync(
            new SqliteConnectionStringBuilder(fixture.Database.ConnectionString) { DefaultTimeout = 3 }.ConnectionString,
            seed.Record(At(hour, 50), 2.00m, dims: ("team", "b"))));

        await new UsageRollupBuilder(new InterceptedContexts(fixture.Database.ConnectionString, duringRead), TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.True(duringRead.Stored);
        await RunAsync();

        await AssertRolledUpAsync(seed.TenantId, calls: 2, cost: 3.00m, teamA: 1.00m);
        await using var read = fixture.CreateContext();
        Assert.False(await read.RollupDirtyHours.AnyAsync(m => m.TenantId == seed.TenantId));
    }

    private Task RunAsync() => new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System).RunAsync(CancellationToken.None);

    private static string At(DateTimeOffset hour, int minutes) => hour.AddMinutes(minutes).ToString("O");

    /// <summary>The tenant's hourly, dimension and daily rollups (one hour, all in one day).</summary>
    private async Task AssertRolledUpAsync(Guid tenantId, int calls, decimal cost, decimal teamA)
    {
        await using var db = fixture.CreateContext();
        Assert.False(await db.RollupDirtyHours.AnyAsync(m => m.TenantId == tenantId));
        var hourly = await db.UsageHourlyRollups.Where(u => u.TenantId == tenantId).ToListAsync();
        Assert.Equal((calls, cost), (hourly.Sum(u => u.Calls), hourly.Sum(u => u.CostUsd)));
        var daily = await db.UsageDailyRollups.Where(u => u.TenantId == tenantId).ToListAsync();
        Assert.Equal((calls, cost), (daily.Sum(u => u.Calls), daily.Sum(u => u.CostUsd)));
        var team = await db.UsageDimensionRollups.Where(u => u.TenantId == tenantId && u.DimensionName == "team" && u.DimensionValue == "a").ToListAsync();
        Assert.Equal(teamA, team.Sum(u => u.CostUsd));
    }

    /// <summary>Stores a batch through the usage writer's bulk insert: records, dimension rows and marks in one transaction.</summary>
    private static async Task WriteBatchAsync(string connectionString, params UsageRecord[] records)
    {
        await using var db = new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite(connectionString).Options);
        await EnsureTenantAsync(db, records[0].TenantId);
        await UsageBulkInserter.InsertAsync(db, records, CancellationToken.None);
    }

    /// <summary>Stores a call and its hour's mark in one transaction, as the usage writer does.</summary>
    private async Task StoreAsync(string connectionString, UsageRecord record)
    {
        await using var db = new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite(connectionString).Options);
        await EnsureTenantAsync(db, record.TenantId);
        db.UsageRecords.Add(record);
        db.RollupDirtyHours.Add(RollupDirtyHour.For(record.TenantId, record.Timestamp));
        await db.SaveChangesAsync();
    }

    private static async Task EnsureTenantAsync(SpendOpsDbContext db, Guid tenantId)
    {
        if (await db.Tenants.AnyAsync(t => t.Id == tenantId))
            return;
        db.Tenants.Add(new SpendOps.Core.Tenancy.Tenant { Id = tenantId, Name = "usage-" + tenantId.ToString("N") });
        await db.SaveChangesAsync();
    }

    private sealed class InterceptedContexts(string connectionString, IInterceptor interceptor) : IDbContextFactory<SpendOpsDbContext>
    {
        public SpendOpsDbContext CreateDbContext() =>
            new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite(connectionString).AddInterceptors(interceptor).Options);
    }

    /// <summary>Runs the store once, at the first read of the tenant's usage records.</summary>
    private sealed class StoreDuringFirstRead(Guid tenantId, Func<Task> store) : DbCommandInterceptor
    {
        public bool Stored { get; private set; }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await StoreIfFirstReadAsync(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            await StoreIfFirstReadAsync(command);
            return result;
        }

        private async Task StoreIfFirstReadAsync(DbCommand command)
        {
            if (Stored || !command.CommandText.Contains("\"UsageRecords\"", StringComparison.Ordinal)
                || !command.Parameters.Cast<DbParameter>().Any(p => p.Value is Guid id ? id == tenantId : string.Equals(p.Value as string, tenantId.ToString(), StringComparison.OrdinalIgnoreCase)))
                return;
            Stored = true;
            await store();
        }
    }
}
