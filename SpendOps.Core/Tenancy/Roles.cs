namespace SpendOps.Core.Tenancy;

/// <summary>Portal roles. Admin manages everything in its tenant, Finance reads spend and exports, Viewer sees dashboards.</summary>
public static class Roles
{
    public const string GlobalAdmin = "GlobalAdmin";
    public const string Admin = "Admin";
    public const string Finance = "Finance";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [GlobalAdmin, Admin, Finance, Viewer];
    public static readonly IReadOnlyList<string> TenantRoles = [Admin, Finance, Viewer];
}
