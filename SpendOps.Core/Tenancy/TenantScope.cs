namespace SpendOps.Core.Tenancy;

/// <summary>
/// Whose data an operation may read or change: one tenant (<see cref="Of"/>) or, for operator and system paths only
/// (the admin command line run without <c>--tenant</c>, jobs, platform admins), every tenant (<see cref="AllTenants"/>).
/// </summary>
/// <remarks>
/// It replaces a nullable tenant id, where a forgotten argument meant "every tenant". There is no conversion from a
/// Guid or null, and <c>default(TenantScope)</c> covers nothing: using it throws, so a scope nobody chose fails closed.
/// Filter queries through <see cref="TenantScopeQueries.InScope{T}"/>.
/// </remarks>
public readonly struct TenantScope
{
    private readonly Guid tenantId;
    private readonly Kind kind;

    private TenantScope(Guid tenantId, Kind kind) => (this.tenantId, this.kind) = (tenantId, kind);

    private enum Kind : byte { Unset, OneTenant, AllTenants }

    /// <summary>Every tenant: for operator and system paths only, never derived from a missing value.</summary>
    public static TenantScope AllTenants { get; } = new(Guid.Empty, Kind.AllTenants);

    public static TenantScope Of(Guid tenantId) =>
        tenantId == Guid.Empty ? throw new ArgumentException("A tenant scope needs a tenant id; Guid.Empty is none.", nameof(tenantId)) : new(tenantId, Kind.OneTenant);

    public bool IsAllTenants => Checked() == Kind.AllTenants;

    /// <summary>The one tenant of this scope; throws for <see cref="AllTenants"/>, which has none.</summary>
    public Guid TenantId => Checked() == Kind.OneTenant
        ? tenantId
        : throw new InvalidOperationException("This tenant scope covers all tenants; it has no single tenant id.");

    public bool Includes(Guid tenant) => Checked() == Kind.AllTenants || tenantId == tenant;

    public override string ToString() => kind switch
    {
        Kind.OneTenant => $"tenant {tenantId}",
        Kind.AllTenants => "all tenants",
        _ => "unset tenant scope",
    };

    private Kind Checked() => kind != Kind.Unset
        ? kind
        : throw new InvalidOperationException(
            "A tenant scope was used without being chosen (default(TenantScope)): pass TenantScope.Of(tenantId), or TenantScope.AllTenants on an operator path.");
}
