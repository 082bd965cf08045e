using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Chargeback;

/// <summary>FOCUS corrections on PostgreSQL, the production database.</summary>
public sealed class PostgresFocusCorrectionTests(PostgresUsageDatabaseFixture fixture) : FocusCorrectionScenarios(fixture), IClassFixture<PostgresUsageDatabaseFixture>
{
    [RequiresPostgresFact]
    public Task RerateInTheNextMonth_WritesLedgerAndCorrectionRows() => RerateInTheNextMonth_WritesLedgerAndCorrectionRowsAsync();

    [RequiresPostgresFact]
    public Task RerateThatChangesNothing_WritesNoLedgerRows() => RerateThatChangesNothing_WritesNoLedgerRowsAsync();
}
