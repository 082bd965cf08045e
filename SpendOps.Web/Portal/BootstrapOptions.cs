namespace SpendOps.Web.Portal;

/// <summary>The <c>Bootstrap</c> section: the first tenant and admin, created on an empty database.</summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string Tenant { get; set; } = "default";
    public string AdminEmail { get; set; } = "admin@spendops.local";

    /// <summary>Empty: a password is generated and printed once to the console.</summary>
    public string? AdminPassword { get; set; }
}
