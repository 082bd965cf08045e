namespace SpendOps.Tests.Core.Usage.Rollups;

/// <summary>Dimension names over rollups on SQLite.</summary>
public sealed class SqliteDimensionNameTests(SqliteUsageDatabaseFixture fixture) : DimensionNameScenarios(fixture), IClassFixture<SqliteUsageDatabaseFixture>
{
    [Fact]
    public Task Names_FromRolledUpHoursAndRawEdges() => Names_FromRolledUpHoursAndRawEdgesAsync();
}
