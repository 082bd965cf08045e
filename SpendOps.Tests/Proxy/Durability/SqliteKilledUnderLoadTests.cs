using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>A process killed under load loses no answered call's record, on SQLite.</summary>
public sealed class SqliteKilledUnderLoadTests : KilledUnderLoadScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task KilledUnderLoad_EveryAnsweredCallIsStoredOnceAfterRestart() => KilledUnderLoad_EveryAnsweredCallIsStoredOnceAfterRestartAsync();
}
