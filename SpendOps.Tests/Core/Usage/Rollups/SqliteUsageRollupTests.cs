using Microsoft.EntityFrameworkCore;
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
}
