using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>Usage rows reference an existing tenant, on SQLite.</summary>
public sealed class SqliteUsageTenantKeyTests : UsageTenantKeyScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task UsageRowOfATenantThatDoesNotExist_IsRefusedByTheDatabase() => UsageRowOfATenantThatDoesNotExist_IsRefusedByTheDatabaseAsync();

    [Fact]
    public Task QueuedRecordOfATenantThatDoesNotExist_IsSetAsideAndTheOthersStored() => QueuedRecordOfATenantThatDoesNotExist_IsSetAsideAndTheOthersStoredAsync();
}
