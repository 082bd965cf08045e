using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

public sealed class SqliteUsageDatabaseFixture : UsageDatabaseFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}
