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
}
