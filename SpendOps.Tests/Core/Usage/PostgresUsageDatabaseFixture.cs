using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

public sealed class PostgresUsageDatabaseFixture : UsageDatabaseFixture
{
    /// <summary>Without a server the tests are skipped (<see cref="RequiresPostgresFactAttribute"/>); the fixture must not fail first.</summary>
    protected override string? UnavailableReason => TestEnvironment.SkipsPostgres ? "SPENDOPS_TEST_POSTGRES is not set" : null;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();
}
