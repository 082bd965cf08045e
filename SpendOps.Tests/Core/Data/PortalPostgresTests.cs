using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Data;

/// <summary>The portal's queries and transactions on PostgreSQL, where SQL translation differs from SQLite.</summary>
public sealed class PortalPostgresTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private static readonly AdminActor Actor = new("actor-id", "actor@spendops.test", IsGlobalAdmin: true);

    [RequiresPostgresFact]
    public async Task TenantUsers_CreateListChangeRole_WorkOnPostgres()
    {
        var tenant = await fixture.EnsureTenantAsync("pg-users");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<TenantUserService>();

        var created = await users.CreateAsync(tenant.Id, $"{Guid.NewGuid():N}@pg.test", "Pat", Roles.Viewer, null, Actor, CancellationToken.None);
        await users.ChangeRoleAsync(tenant.Id, created.User.Id, Roles.Finance, Actor, CancellationToken.None);
        await users.DisableAsync(tenant.Id, created.User.Id, Actor, CancellationToken.None);
        var listed = Assert.Single(await users.ListAsync(tenant.Id, CancellationToken.None));

        Assert.Equal([Roles.Finance], listed.Roles);
        Assert.True(listed.IsDisabled);
    }

    [RequiresPostgresFact]
    public async Task TenantsKeysAndAudit_Queries_WorkOnPostgres()
    {
        var key = await fixture.CreateKeyAsync(new KeyPolicy { RequiredDims = ["team"] }, tenant: "pg-keys", name: "pg key");
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOps.Core.Data.SpendOpsDbContext>();

        var tenants = await scope.ServiceProvider.GetRequiredService<TenantService>().ListAsync(CancellationToken.None);
        var keys = await ApiKeyQueries.ListAsync(db, key.Key.TenantId, CancellationToken.None);
        var page = await AuditQueries.PageAsync(db, new AuditFilter(key.Key.TenantId) { Action = "key.created", From = DateTimeOffset.UtcNow.AddHours(-1) }, 0, 25, CancellationToken.None);
        var actions = await AuditQueries.ActionsAsync(db, key.Key.TenantId, CancellationToken.None);
        var dryRun = await fixture.App.Services.GetRequiredService<ProxyDryRun>().EvaluateAsync(
            new DryRunRequest(key.Key.TenantId, key.Key.Id, "openai", "/v1/chat/completions", "gpt-4.1", null), CancellationToken.None);

        Assert.Equal(1, tenants.Single(t => t.Name == "pg-keys").Keys);
        Assert.Equal("pg key", Assert.Single(keys).Name);
        Assert.Equal(key.Key.Id, Assert.Single(page.Entries).EntityId);
        Assert.Contains("tenant.created", actions);
        Assert.Equal(ProxyMessages.RequireDimsViolation, dryRun.Error!.Message);
        Assert.True(await db.Users.AnyAsync());
    }
}
