using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Chargeback;

public sealed class SqliteChargebackTests(SqliteUsageDatabaseFixture fixture) : ChargebackScenarios(fixture), IClassFixture<SqliteUsageDatabaseFixture>
{
    [Fact]
    public Task ByTeam_HandWorkedRowsAndTotalsMatchUsageSummary() => ByTeam_HandWorkedRowsAndTotalsMatchUsageSummaryAsync();

    [Fact]
    public Task ByTeamAndModel_CombinesKeysAndKeepsUnattributedRows() => ByTeamAndModel_CombinesKeysAndKeepsUnattributedRowsAsync();

    [Fact]
    public Task EveryKey_SplitsTheSameTotal() => EveryKey_SplitsTheSameTotalAsync();

    [Fact]
    public Task Allocation_ShowsMovedAmountsBesideTheCost() => Allocation_ShowsMovedAmountsBesideTheCostAsync();

    [Fact]
    public Task Exports_ReconcileWithTheView() => Exports_ReconcileWithTheViewAsync();
}
