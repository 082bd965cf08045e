namespace SpendOps.Tests.Web.Portal;

/// <summary>Names that do not collide between tests sharing one database.</summary>
internal static class PortalNames
{
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..6]}";

    public static string Email(string prefix) => $"{Unique(prefix)}@spendops.test";
}
