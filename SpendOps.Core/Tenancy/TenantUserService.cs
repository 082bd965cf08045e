using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;

namespace SpendOps.Core.Tenancy;

/// <summary>
/// Manages the portal users of one tenant: create, change role, reset password, unlock, disable. A user of another
/// tenant is reported as not found. Each change and its audit entry are saved in one transaction.
/// </summary>
public sealed class TenantUserService(UserManager<ApplicationUser> users, SpendOpsDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The lockout end that marks a disabled account (Identity has no "disabled" flag; a lockout that never ends is one).</summary>
    public static readonly DateTimeOffset DisabledUntil = new(9999, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public async Task<IReadOnlyList<TenantUser>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var list = await Query(db.Users.Where(u => u.TenantId == tenantId)).ToListAsync(cancellationToken);
        return list.OrderBy(u => u.Email, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The user, or null when there is none with this id in the tenant.</summary>
    public Task<TenantUser?> FindAsync(Guid tenantId, string userId, CancellationToken cancellationToken) =>
        Query(db.Users.Where(u => u.TenantId == tenantId && u.Id == userId)).FirstOrDefaultAsync(cancellationToken);

    public async Task<CreatedUser> CreateAsync(Guid tenantId, string email, string? displayName, string role, string? password, AdminActor actor, CancellationToken cancellationToken)
    {
        email = email.Trim();
        CheckTenantRole(role);
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
            throw new DomainException("The tenant does not exist.");
        var generated = string.IsNullOrEmpty(password);
        password = generated ? PasswordGenerator.Generate() : password!;

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            TenantId = tenantId,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRoleAsync(user, role));
        audit.Record(tenantId, actor.Name, "user.created", "user", user.Id, $"{email} as {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CreatedUser((await FindAsync(tenantId, user.Id, cancellationToken))!, generated ? password : null);
    }

    /// <summary>Gives the user exactly one tenant role. A global admin keeps that role; only global admins change global admins.</summary>
    public async Task ChangeRoleAsync(Guid tenantId, string userId, string role, AdminActor actor, CancellationToken cancellationToken)
    {
        CheckTenantRole(role);
        var user = await FindForChangeAsync(tenantId, userId, actor, "change your own role", cancellationToken);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(role) && current.Count(Roles.TenantRoles.Contains) == 1)
            return;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var remove = current.Where(r => Roles.TenantRoles.Contains(r) && r != role).ToList();
        if (remove.Count > 0)
            Check(await users.RemoveFromRolesAsync(user, remove));
        if (!current.Contains(role))
            Check(await users.AddToRoleAsync(user, role));
        // A new security stamp makes the user's sessions pick up the new role (or sign out) at the next validation.
        Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(tenantId, actor.Name, "user.role_changed", "user", user.Id, $"{user.Email}: {string.Join(",", current)} -> {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Sets a generated password and returns it, to be shown once. The user's sessions end.</summary>
    public async Task<string> ResetPasswordAsync(Guid tenantId, string userId, AdminActor actor, CancellationToken cancellationToken)
    {
        var user = await FindForChangeAsync(tenantId, userId, actor, "reset your own password here (use Account, Password)", cancellationToken);
        var password = PasswordGenerator.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.ResetPasswordAsync(user, token, password));
        audit.Record(tenantId, actor.Name, "user.password_reset", "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return password;
    }

    /// <summary>Ends a lockout, whether from failed sign-ins or from <see cref="DisableAsync"/>.</summary>
    public async Task UnlockAsync(Guid tenantId, string userId, AdminActor actor, CancellationToken cancellationToken)
    {
        var user = await FindForChangeAsync(tenantId, userId, actor, "unlock yourself", cancellationToken);
        var wasDisabled = user.LockoutEnd >= DisabledUntil;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetLockoutEndDateAsync(user, null));
        Check(await users.ResetAccessFailedCountAsync(user));
        audit.Record(tenantId, actor.Name, wasDisabled ? "user.enabled" : "user.unlocked", "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Blocks sign-in for good (until unlocked) and ends the user's sessions.</summary>
    public async Task DisableAsync(Guid tenantId, string userId, AdminActor actor, CancellationToken cancellationToken)
    {
        var user = await FindForChangeAsync(tenantId, userId, actor, "disable your own account", cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        Check(await users.SetLockoutEnabledAsync(user, true));
        Check(await users.SetLockoutEndDateAsync(user, DisabledUntil));
        Check(await users.UpdateSecurityStampAsync(user));
        audit.Record(tenantId, actor.Name, "user.disabled", "user", user.Id, user.Email);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<ApplicationUser> FindForChangeAsync(Guid tenantId, string userId, AdminActor actor, string selfAction, CancellationToken cancellationToken)
    {
        var user = await users.Users.FirstOrDefaultAsync(u => u.Id == userId && u.TenantId == tenantId, cancellationToken)
            ?? throw new DomainException("No such user in your tenant.");
        if (user.Id == actor.UserId)
            throw new DomainException($"You cannot {selfAction}; ask another administrator.");
        if (!actor.IsGlobalAdmin && await users.IsInRoleAsync(user, Roles.GlobalAdmin))
            throw new DomainException("Only a global administrator can change a global administrator's account.");
        return user;
    }

    /// <summary>Projects users with their role names; filter before calling (a constructor projection cannot be filtered in SQL).</summary>
    private IQueryable<TenantUser> Query(IQueryable<ApplicationUser> users) =>
        users.AsNoTracking().Select(u => new TenantUser(
            u.Id,
            u.TenantId,
            u.Email ?? u.UserName ?? u.Id,
            u.DisplayName,
            db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).ToList(),
            u.LockoutEnd,
            u.AccessFailedCount,
            u.CreatedAt));

    private static void CheckTenantRole(string role)
    {
        if (!Roles.TenantRoles.Contains(role))
            throw new DomainException($"Choose one of the roles {string.Join(", ", Roles.TenantRoles)}.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new DomainException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
