using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Chargeback;

public sealed class SqliteFocusCorrectionTests(SqliteUsageDatabaseFixture fixture) : FocusCorrectionScenarios(fixture), IClassFixture<SqliteUsageDatabaseFixture>
{
    [Fact]
    public Task RerateInTheNextMonth_WritesLedgerAndCorrectionRows() => RerateInTheNextMonth_WritesLedgerAndCorrectionRowsAsync();

    [Fact]
    public Task RerateThatChangesNothing_WritesNoLedgerRows() => RerateThatChangesNothing_WritesNoLedgerRowsAsync();
}
