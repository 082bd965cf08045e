using SpendOps.Core.Tenancy;

namespace SpendOps.Tests.Core.Tenancy;

/// <summary>A scope is one tenant or, said explicitly, all tenants; a scope nobody chose covers nothing and says so.</summary>
public sealed class TenantScopeTests
{
    private const string Unchosen =
        "A tenant scope was used without being chosen (default(TenantScope)): pass TenantScope.Of(tenantId), or TenantScope.AllTenants on an operator path.";

    [Fact]
    public void Default_EveryUse_ThrowsWithTheFix()
    {
        var scope = default(TenantScope);

        Assert.Equal(Unchosen, Assert.Throws<InvalidOperationException>(() => scope.IsAllTenants).Message);
        Assert.Equal(Unchosen, Assert.Throws<InvalidOperationException>(() => scope.TenantId).Message);
        Assert.Equal(Unchosen, Assert.Throws<InvalidOperationException>(() => scope.Includes(Guid.NewGuid())).Message);
    }

    [Fact]
    public void Of_OneTenant_IncludesOnlyThatTenant()
    {
        var tenant = Guid.NewGuid();
        var scope = TenantScope.Of(tenant);

        Assert.False(scope.IsAllTenants);
        Assert.Equal(tenant, scope.TenantId);
        Assert.True(scope.Includes(tenant));
        Assert.False(scope.Includes(Guid.NewGuid()));
    }

    [Fact]
    public void Of_EmptyGuid_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => TenantScope.Of(Guid.Empty));

        Assert.StartsWith("A tenant scope needs a tenant id; Guid.Empty is none.", error.Message);
    }

    [Fact]
    public void AllTenants_IncludesAnyTenant_AndHasNoSingleTenantId()
    {
        var scope = TenantScope.AllTenants;

        Assert.True(scope.IsAllTenants);
        Assert.True(scope.Includes(Guid.NewGuid()));
        Assert.Equal("This tenant scope covers all tenants; it has no single tenant id.",
            Assert.Throws<InvalidOperationException>(() => scope.TenantId).Message);
    }

    [Fact]
    public void OfTenants_IncludesThoseTenantsOnly_AndHasNoSingleTenantId()
    {
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());
        var scope = TenantScope.OfTenants([a, b, a]);

        Assert.False(scope.IsAllTenants);
        Assert.True(scope.Includes(a));
        Assert.True(scope.Includes(b));
        Assert.False(scope.Includes(Guid.NewGuid()));
        Assert.Equal("This tenant scope covers 2 tenants; it has no single tenant id.",
            Assert.Throws<InvalidOperationException>(() => scope.TenantId).Message);
    }

    [Fact]
    public void OfTenants_OneTenant_IsThatTenantsScope()
    {
        var tenant = Guid.NewGuid();

        Assert.Equal(tenant, TenantScope.OfTenants([tenant, tenant]).TenantId);
    }

    [Fact]
    public void OfTenants_NoneOrEmptyGuid_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => TenantScope.OfTenants([]));
        Assert.Throws<ArgumentException>(() => TenantScope.OfTenants([Guid.NewGuid(), Guid.Empty]));
    }
}
