using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage.Rollups;

/// <summary>Rollups and per-call retention on PostgreSQL.</summary>
public sealed class PostgresUsageRollupTests(PostgresUsageDatabaseFixture fixture) : UsageRollupScenarios(fixture), IClassFixture<PostgresUsageDatabaseFixture>
{
    [RequiresPostgresFact]
    public Task Totals_FromRollupsWithDirtyHoursAndRaggedEdges_EqualHandSumsAndRaw() => Totals_FromRollupsWithDirtyHoursAndRaggedEdges_EqualHandSumsAndRawAsync();

    [RequiresPostgresFact]
    public Task Retention_DeletesRolledUpHoursOnly_AndTotalsStay() => Retention_DeletesRolledUpHoursOnly_AndTotalsStayAsync();

    [RequiresPostgresFact]
    public Task Rebuild_OfMarkedHoursAroundARetainedHour_KeepsItsRollups() => Rebuild_OfMarkedHoursAroundARetainedHour_KeepsItsRollupsAsync();
}
