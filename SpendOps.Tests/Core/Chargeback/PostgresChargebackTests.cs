using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>The chargeback on PostgreSQL, the production database.</summary>
public sealed class PostgresChargebackTests(PostgresUsageDatabaseFixture fixture) : ChargebackScenarios(fixture), IClassFixture<PostgresUsageDatabaseFixture>
{
    [RequiresPostgresFact]
    public Task ByTeam_HandWorkedRowsAndTotalsMatchUsageSummary() => ByTeam_HandWorkedRowsAndTotalsMatchUsageSummaryAsync();

    [RequiresPostgresFact]
    public Task ByTeamAndModel_CombinesKeysAndKeepsUnattributedRows() => ByTeamAndModel_CombinesKeysAndKeepsUnattributedRowsAsync();

    [RequiresPostgresFact]
    public Task EveryKey_SplitsTheSameTotal() => EveryKey_SplitsTheSameTotalAsync();

    [RequiresPostgresFact]
    public Task Allocation_ShowsMovedAmountsBesideTheCost() => Allocation_ShowsMovedAmountsBesideTheCostAsync();

    [RequiresPostgresFact]
    public Task Exports_ReconcileWithTheView() => Exports_ReconcileWithTheViewAsync();
}
