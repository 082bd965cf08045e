using System.Reflection;
using SpendOps.Core.Tenancy;
using SpendOps.Web.Portal;

namespace SpendOps.Tests.Core.Tenancy;

/// <summary>
/// A nullable tenant id where null means "every tenant" turns a forgotten argument into a leak; such parameters were
/// replaced by <see cref="TenantScope"/>. This keeps them from coming back in Core or Web.
/// </summary>
public sealed class TenantParameterGuardTests
{
    // Null means "no tenant" here, never "all tenants": a global catalog price (its owner, or the catalog as a price
    // list), an audit entry of a platform-wide change. A forgotten tenant reads the shared catalog, not another tenant.
    private static readonly HashSet<string> NullMeansNoTenant =
    [
        "SpendOps.Core.Audit.AuditLog.Record(tenantId)",
        "SpendOps.Core.Pricing.PriceQuery..ctor(TenantId)",
        "SpendOps.Core.Pricing.PriceIdentity..ctor(TenantId)",
    ];

    [Fact]
    public void CoreAndWeb_NoMethodTakesANullableTenantId()
    {
        var assemblies = new[] { typeof(TenantScope).Assembly, typeof(UserTenantScope).Assembly };
        const BindingFlags members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        var offenders = assemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => !t.Namespace?.Contains(".Migrations", StringComparison.Ordinal) ?? false)
            .SelectMany(t => t.GetMethods(members).Cast<MethodBase>().Concat(t.GetConstructors(members)))
            .Where(m => m.IsPublic || m.IsAssembly || m.IsFamilyOrAssembly)
            .SelectMany(m => m.GetParameters().Select(p => (Method: m, Parameter: p)))
            .Where(x => x.Parameter.ParameterType == typeof(Guid?) && IsTenantName(x.Parameter.Name))
            .Select(x => $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}({x.Parameter.Name})")
            .Where(name => !NullMeansNoTenant.Contains(name))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.True(offenders.Count == 0,
            "These take a nullable tenant id; take a TenantScope (TenantScope.Of or TenantScope.AllTenants) instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void Guard_SeesTheAllowedNullableTenantIds()
    {
        // If these were renamed or removed, the allow-list would silently stop meaning anything.
        var assembly = typeof(TenantScope).Assembly;

        Assert.Contains(assembly.GetType("SpendOps.Core.Audit.AuditLog")!.GetMethod("Record")!.GetParameters(), p => p.Name == "tenantId" && p.ParameterType == typeof(Guid?));
        Assert.Contains(assembly.GetType("SpendOps.Core.Pricing.PriceQuery")!.GetConstructors().Single().GetParameters(), p => p.Name == "TenantId" && p.ParameterType == typeof(Guid?));
    }

    private static bool IsTenantName(string? name) =>
        string.Equals(name, "tenantId", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "tenant", StringComparison.OrdinalIgnoreCase);
}
