using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core;
using SpendOps.Core.Tenancy;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Tenancy;

/// <summary>User administration stays inside one tenant, never lets admins lock themselves out, and audits every change.</summary>
public sealed class TenantUserServiceTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static readonly AdminActor TenantAdmin = new("actor-id", "actor@spendops.test", IsGlobalAdmin: false);

    [Fact]
    public async Task CreateAsync_GeneratedPassword_UserCanSignInWithItAndIsAudited()
    {
        var tenant = await fixture.EnsureTenantAsync("users-a");
        var email = $"{Guid.NewGuid():N}@a.test";

        var created = await RunAsync(s => s.CreateAsync(tenant.Id, email, "Ann", Roles.Finance, null, TenantAdmin, CancellationToken.None));

        Assert.NotNull(created.GeneratedPassword);
        Assert.Equal([Roles.Finance], created.User.Roles);
        Assert.True(await CheckPasswordAsync(email, created.GeneratedPassword));
        var entry = await fixture.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.EntityId == created.User.Id));
        Assert.Equal(("user.created", tenant.Id, TenantAdmin.Name), (entry.Action, entry.TenantId!.Value, entry.Actor));
    }

    [Fact]
    public async Task CreateAsync_WeakPassword_IdentityMessageAndNothingSaved()
    {
        var tenant = await fixture.EnsureTenantAsync("users-a");
        var email = $"{Guid.NewGuid():N}@a.test";

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.CreateAsync(tenant.Id, email, null, Roles.Viewer, "short", TenantAdmin, CancellationToken.None)));

        Assert.Contains("Passwords must be at least 6 characters", error.Message);
        Assert.False(await fixture.WithDbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task Changes_UserOfAnotherTenant_NotFound()
    {
        var tenantA = await fixture.EnsureTenantAsync("users-a");
        var tenantB = await fixture.EnsureTenantAsync("users-b");
        var inB = await RunAsync(s => s.CreateAsync(tenantB.Id, $"{Guid.NewGuid():N}@b.test", null, Roles.Viewer, null, TenantAdmin, CancellationToken.None));

        Assert.Null(await RunAsync(s => s.FindAsync(tenantA.Id, inB.User.Id, CancellationToken.None)));
        Assert.DoesNotContain(await RunAsync(s => s.ListAsync(tenantA.Id, CancellationToken.None)), u => u.Id == inB.User.Id);
        await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.DisableAsync(tenantA.Id, inB.User.Id, TenantAdmin, CancellationToken.None)));
        await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.ResetPasswordAsync(tenantA.Id, inB.User.Id, TenantAdmin, CancellationToken.None)));
        await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.ChangeRoleAsync(tenantA.Id, inB.User.Id, Roles.Admin, TenantAdmin, CancellationToken.None)));
    }

    [Fact]
    public async Task Changes_OwnAccount_Refused()
    {
        var tenant = await fixture.EnsureTenantAsync("users-a");
        var me = await RunAsync(s => s.CreateAsync(tenant.Id, $"{Guid.NewGuid():N}@a.test", null, Roles.Admin, null, TenantAdmin, CancellationToken.None));
        var self = TenantAdmin with { UserId = me.User.Id };

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.DisableAsync(tenant.Id, me.User.Id, self, CancellationToken.None)));
        await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.ChangeRoleAsync(tenant.Id, me.User.Id, Roles.Viewer, self, CancellationToken.None)));

        Assert.Contains("You cannot disable your own account", error.Message);
    }

    [Fact]
    public async Task Changes_GlobalAdminByTenantAdmin_Refused()
    {
        var tenant = await fixture.EnsureTenantAsync("default");
        var globalAdmin = await fixture.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == SpendOpsAppFactory.AdminEmail));

        var error = await Assert.ThrowsAsync<DomainException>(() => RunAsync(s => s.DisableAsync(tenant.Id, globalAdmin.Id, TenantAdmin, CancellationToken.None)));

        Assert.Contains("Only a global administrator", error.Message);
    }

    [Fact]
    public async Task ChangeRoleAsync_ToAdmin_ExactlyOneTenantRole()
    {
        var tenant = await fixture.EnsureTenantAsync("users-a");
        var user = await RunAsync(s => s.CreateAsync(tenant.Id, $"{Guid.NewGuid():N}@a.test", null, Roles.Viewer, null, TenantAdmin, CancellationToken.None));

        await RunAsync(s => s.ChangeRoleAsync(tenant.Id, user.User.Id, Roles.Admin, TenantAdmin, CancellationToken.None));

        var after = await RunAsync(s => s.FindAsync(tenant.Id, user.User.Id, CancellationToken.None));
        Assert.Equal([Roles.Admin], after!.Roles);
        Assert.True(await fixture.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityId == user.User.Id && a.Action == "user.role_changed")));
    }

    [Fact]
    public async Task DisableThenUnlock_LockoutForeverThenCleared_BothAudited()
    {
        var tenant = await fixture.EnsureTenantAsync("users-a");
        var user = await RunAsync(s => s.CreateAsync(tenant.Id, $"{Guid.NewGuid():N}@a.test", null, Roles.Viewer, null, TenantAdmin, CancellationToken.None));

        await RunAsync(s => s.DisableAsync(tenant.Id, user.User.Id, TenantAdmin, CancellationToken.None));
        var disabled = await RunAsync(s => s.FindAsync(tenant.Id, user.User.Id, CancellationToken.None));
        await RunAsync(s => s.UnlockAsync(tenant.Id, user.User.Id, TenantAdmin, CancellationToken.None));
        var enabled = await RunAsync(s => s.FindAsync(tenant.Id, user.User.Id, CancellationToken.None));

        Assert.True(disabled!.IsDisabled);
        Assert.False(enabled!.IsDisabled);
        Assert.Null(enabled.LockoutEnd);
        var actions = await fixture.WithDbAsync(db => db.AuditEntries.Where(a => a.EntityId == user.User.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(["user.created", "user.disabled", "user.enabled"], actions);
    }

    [Fact]
    public async Task ResetPasswordAsync_NewPassword_OldStopsNewWorks()
    {
        var tenant = await fixture.EnsureTenantAsync("users-a");
        var email = $"{Guid.NewGuid():N}@a.test";
        var user = await RunAsync(s => s.CreateAsync(tenant.Id, email, null, Roles.Viewer, "Old-Password-1", TenantAdmin, CancellationToken.None));

        var password = await RunAsync(s => s.ResetPasswordAsync(tenant.Id, user.User.Id, TenantAdmin, CancellationToken.None));

        Assert.False(await CheckPasswordAsync(email, "Old-Password-1"));
        Assert.True(await CheckPasswordAsync(email, password));
    }

    private async Task<T> RunAsync<T>(Func<TenantUserService, Task<T>> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TenantUserService>());
    }

    private async Task RunAsync(Func<TenantUserService, Task> action)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TenantUserService>());
    }

    private async Task<bool> CheckPasswordAsync(string email, string password)
    {
        await using var scope = fixture.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        return await users.CheckPasswordAsync((await users.FindByEmailAsync(email))!, password);
    }
}
