using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>Usage rows reference an existing tenant, on PostgreSQL, where only the writer checks it.</summary>
public sealed class PostgresUsageTenantKeyTests : UsageTenantKeyScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task QueuedRecordOfATenantThatDoesNotExist_IsSetAsideAndTheOthersStored() => QueuedRecordOfATenantThatDoesNotExist_IsSetAsideAndTheOthersStoredAsync();
}
