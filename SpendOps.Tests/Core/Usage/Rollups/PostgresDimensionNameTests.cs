using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage.Rollups;

/// <summary>Dimension names over rollups on PostgreSQL.</summary>
public sealed class PostgresDimensionNameTests(PostgresUsageDatabaseFixture fixture) : DimensionNameScenarios(fixture), IClassFixture<PostgresUsageDatabaseFixture>
{
    [RequiresPostgresFact]
    public Task Names_FromRolledUpHoursAndRawEdges() => Names_FromRolledUpHoursAndRawEdgesAsync();
}
