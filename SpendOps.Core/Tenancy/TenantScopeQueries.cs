namespace SpendOps.Core.Tenancy;

/// <summary>The one place a <see cref="TenantScope"/> becomes a query filter.</summary>
public static class TenantScopeQueries
{
    public static IQueryable<T> InScope<T>(this IQueryable<T> query, TenantScope scope) where T : class, ITenantOwned
    {
        if (scope.IsAllTenants)
            return query;
        if (scope.SomeTenantIds is { } tenantIds)
            return query.Where(e => tenantIds.Contains(e.TenantId));
        var tenantId = scope.TenantId;
        return query.Where(e => e.TenantId == tenantId);
    }
}
