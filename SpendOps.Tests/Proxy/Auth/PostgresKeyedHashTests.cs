using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>Keyed key hashes on PostgreSQL.</summary>
public sealed class PostgresKeyedHashTests : KeyedHashScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgresAsync();

    [RequiresPostgresFact]
    public Task CreatedKey_IsStoredAsHmacOfItsSha256_NotThePlainHash() => CreatedKey_IsStoredAsHmacOfItsSha256_NotThePlainHashAsync();

    [RequiresPostgresFact]
    public Task OldSchemeRows_AuthenticateAfterStart_AndAreRewritten() => OldSchemeRows_AuthenticateAfterStart_AndAreRewrittenAsync();

    [RequiresPostgresFact]
    public Task InstanceWithAnotherSecret_RefusesKeysWith403_AndSaysSoOnce() => InstanceWithAnotherSecret_RefusesKeysWith403_AndSaysSoOnceAsync();

    [RequiresPostgresFact]
    public Task HashSecret_NeverInLogsOrInTheKeyTables() => HashSecret_NeverInLogsOrInTheKeyTablesAsync();
}
