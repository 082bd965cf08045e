namespace SpendOps.Tests.Infrastructure.Browser;

/// <summary>Credentials a browser session signs in with.</summary>
public sealed record PortalUser(string Email, string Password)
{
    /// <summary>The bootstrap admin of tenant <c>default</c> (roles Admin and GlobalAdmin).</summary>
    public static PortalUser Admin { get; } = new(SpendOpsAppFactory.AdminEmail, SpendOpsAppFactory.AdminPassword);
}
