using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Data;

/// <summary>The same host on SQL Server, where one is configured (<c>SPENDOPS_TEST_SQLSERVER</c>).</summary>
public sealed class SqlServerFixture : ProxyFixture
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.SqlServerAsync();

    protected override bool DatabaseAvailable => !TestEnvironment.SkipsSqlServer;
}

/// <summary>Its migrations, Identity, the key cache, the usage writer and the portal's queries on SQL Server.</summary>
[Trait("Database", "SqlServer")]
public sealed class SqlServerTests(SqlServerFixture fixture) : DatabaseHostScenarios(fixture), IClassFixture<SqlServerFixture>
{
    private static readonly AdminActor Actor = new("actor-id", "actor@spendops.test", IsGlobalAdmin: true);

    [RequiresSqlServerFact]
    public Task Startup_AppliesSqlServerMigrations() => Startup_AppliesMigrationsAsync("Microsoft.EntityFrameworkCore.SqlServer");

    [RequiresSqlServerFact]
    public Task ProxiedCall_IsRecordedWithDimensions() => ProxiedCall_IsRecordedWithDimensionsAsync();

    [RequiresSqlServerFact]
    public Task RecordTheDatabaseRefuses_IsSetAsideAndTheRestOfItsBatchIsWritten() => RecordTheDatabaseRefuses_IsSetAsideAndTheRestOfItsBatchIsWrittenAsync();

    [RequiresSqlServerFact]
    public Task QueuedRecord_StoresEveryTokenCounter() => QueuedRecord_StoresEveryTokenCounterAsync();

    [RequiresSqlServerFact]
    public Task DisabledKey_IsRefusedWithinSeconds() => DisabledKey_IsRefusedWithinSecondsAsync();

    [RequiresSqlServerFact]
    public async Task Readiness_WithTheDatabaseUp_IsHealthy()
    {
        using var client = fixture.CreateClient();

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [RequiresSqlServerFact]
    public async Task TenantUsers_CreateListChangeRole_WorkOnSqlServer()
    {
        var tenant = await fixture.EnsureTenantAsync("mssql-users");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<TenantUserService>();

        var created = await users.CreateAsync(tenant.Id, $"{Guid.NewGuid():N}@mssql.test", "Pat", Roles.Viewer, null, Actor, CancellationToken.None);
        await users.ChangeRoleAsync(tenant.Id, created.User.Id, Roles.Finance, Actor, CancellationToken.None);
        await users.DisableAsync(tenant.Id, created.User.Id, Actor, CancellationToken.None);
        var listed = Assert.Single(await users.ListAsync(tenant.Id, CancellationToken.None));

        Assert.Equal([Roles.Finance], listed.Roles);
        Assert.True(listed.IsDisabled);
    }
}
