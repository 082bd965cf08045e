using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>A process killed under load loses no answered call's record, on PostgreSQL.</summary>
public sealed class PostgresKilledUnderLoadTests : KilledUnderLoadScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task KilledUnderLoad_EveryAnsweredCallIsStoredOnceAfterRestart() => KilledUnderLoad_EveryAnsweredCallIsStoredOnceAfterRestartAsync();
}
