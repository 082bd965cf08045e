namespace SpendOps.Core.Tenancy;

/// <summary>
/// Whose data an operation may read or change: one tenant (<see cref="Of"/>) or, for operator and system paths only
/// (the admin command line run without <c>--tenant</c>, jobs, platform admins), every tenant (<see cref="AllTenants"/>)
/// or a chosen set of tenants read together (<see cref="OfTenants"/>).
/// </summary>
/// <remarks>
/// It replaces a nullable tenant id, where a forgotten argument meant "every tenant". There is no conversion from a
/// Guid or null, and <c>default(TenantScope)</c> covers nothing: using it throws, so a scope nobody chose fails closed.
/// Filter queries through <see cref="TenantScopeQueries.InScope{T}"/>.
/// </remarks>
public readonly struct TenantScope
{
    private readonly Guid tenantId;
    private readonly Guid[]? tenantIds;
    private readonly Kind kind;

    private TenantScope(Guid tenantId, Kind kind, Guid[]? tenantIds = null) => (this.tenantId, this.kind, this.tenantIds) = (tenantId, kind, tenantIds);

    private enum Kind : byte { Unset, OneTenant, AllTenants, SomeTenants }

    /// <summary>Every tenant: for operator and system paths only, never derived from a missing value.</summary>
    public static TenantScope AllTenants { get; } = new(Guid.Empty, Kind.AllTenants);

    public static TenantScope Of(Guid tenantId) =>
        tenantId == Guid.Empty ? throw new ArgumentException("A tenant scope needs a tenant id; Guid.Empty is none.", nameof(tenantId)) : new(tenantId, Kind.OneTenant);

    /// <summary>
    /// The tenants in <paramref name="tenantIds"/>, for system paths that read many tenants in one query (the budget
    /// evaluation job); one tenant is <see cref="Of"/> that tenant.
    /// </summary>
    public static TenantScope OfTenants(IEnumerable<Guid> tenantIds)
    {
        var ids = tenantIds.Distinct().ToArray();
        if (ids.Length == 0 || ids.Contains(Guid.Empty))
            throw new ArgumentException("A scope of tenants needs at least one tenant id, and Guid.Empty is none.", nameof(tenantIds));
        return ids.Length == 1 ? Of(ids[0]) : new(Guid.Empty, Kind.SomeTenants, ids);
    }

    public bool IsAllTenants => Checked() == Kind.AllTenants;

    /// <summary>The tenants of a scope of several (<see cref="OfTenants"/>); null for one tenant or all of them.</summary>
    internal IReadOnlyList<Guid>? SomeTenantIds => Checked() == Kind.SomeTenants ? tenantIds : null;

    /// <summary>The one tenant of this scope; throws for <see cref="AllTenants"/>, which has none.</summary>
    public Guid TenantId => Checked() == Kind.OneTenant
        ? tenantId
        : throw new InvalidOperationException($"This tenant scope covers {this}; it has no single tenant id.");

    public bool Includes(Guid tenant) => Checked() switch
    {
        Kind.AllTenants => true,
        Kind.SomeTenants => tenantIds!.Contains(tenant),
        _ => tenantId == tenant,
    };

    public override string ToString() => kind switch
    {
        Kind.OneTenant => $"tenant {tenantId}",
        Kind.AllTenants => "all tenants",
        Kind.SomeTenants => $"{tenantIds!.Length} tenants",
        _ => "unset tenant scope",
    };

    private Kind Checked() => kind != Kind.Unset
        ? kind
        : throw new InvalidOperationException(
            "A tenant scope was used without being chosen (default(TenantScope)): pass TenantScope.Of(tenantId), or TenantScope.AllTenants on an operator path.");
}
