using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

public sealed class SqlServerUsageDatabaseFixture : UsageDatabaseFixture
{
    /// <summary>Without a server the tests are skipped (<see cref="RequiresSqlServerFactAttribute"/>); the fixture must not fail first.</summary>
    protected override string? UnavailableReason => TestEnvironment.SkipsSqlServer ? "SPENDOPS_TEST_SQLSERVER is not set" : null;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqlServerAsync();
}
