using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>Spill files replayed only into their own database, on SQLite.</summary>
public sealed class SqliteSpillIdentityTests : SpillIdentityScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task SpillFileOfAnotherDatabase_IsMovedAsideThenReplayedIntoItsOwn() => SpillFileOfAnotherDatabase_IsMovedAsideThenReplayedIntoItsOwnAsync();

    [Fact]
    public Task SpillFileWithoutIdentity_ReplaysOnlyRecordsOfTenantsThatExist() => SpillFileWithoutIdentity_ReplaysOnlyRecordsOfTenantsThatExistAsync();
}
