using Microsoft.AspNetCore.Identity;

namespace SpendOps.Core.Tenancy;

/// <summary>A portal user. Users see only their own tenant's data; <see cref="Roles.GlobalAdmin"/> can manage tenants.</summary>
public sealed class ApplicationUser : IdentityUser
{
    public Guid TenantId { get; set; }
    public string? DisplayName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
