using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>Usage rows reference an existing tenant, on PostgreSQL.</summary>
public sealed class PostgresUsageTenantKeyTests : UsageTenantKeyScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task UsageRowOfATenantThatDoesNotExist_IsRefusedByTheDatabase() => UsageRowOfATenantThatDoesNotExist_IsRefusedByTheDatabaseAsync();

    [RequiresPostgresFact]
    public Task QueuedRecordOfATenantThatDoesNotExist_IsSetAsideAndTheOthersStored() => QueuedRecordOfATenantThatDoesNotExist_IsSetAsideAndTheOthersStoredAsync();
}
