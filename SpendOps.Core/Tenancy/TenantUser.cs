namespace SpendOps.Core.Tenancy;

/// <summary>A portal user as the user administration lists it.</summary>
public sealed record TenantUser(
    string Id,
    Guid TenantId,
    string Email,
    string? DisplayName,
    IReadOnlyList<string> Roles,
    DateTimeOffset? LockoutEnd,
    int FailedAttempts,
    DateTimeOffset CreatedAt)
{
    /// <summary>The tenant role (Admin, Finance or Viewer) shown and edited in the portal.</summary>
    public string? TenantRole => Tenancy.Roles.TenantRoles.FirstOrDefault(Roles.Contains);

    public bool IsGlobalAdmin => Roles.Contains(Tenancy.Roles.GlobalAdmin);

    public bool IsDisabled => LockoutEnd >= TenantUserService.DisabledUntil;

    public bool IsLockedOutAt(DateTimeOffset now) => !IsDisabled && LockoutEnd > now;
}
