using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>Spill files replayed only into their own database, on PostgreSQL.</summary>
public sealed class PostgresSpillIdentityTests : SpillIdentityScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task SpillFileOfAnotherDatabase_IsMovedAsideThenReplayedIntoItsOwn() => SpillFileOfAnotherDatabase_IsMovedAsideThenReplayedIntoItsOwnAsync();

    [RequiresPostgresFact]
    public Task SpillFileWithoutIdentity_ReplaysOnlyRecordsOfTenantsThatExist() => SpillFileWithoutIdentity_ReplaysOnlyRecordsOfTenantsThatExistAsync();
}
