namespace SpendOps.Core.Tenancy;

/// <summary>An entity that belongs to one tenant, so <see cref="TenantScopeQueries.InScope{T}"/> can filter it.</summary>
public interface ITenantOwned
{
    Guid TenantId { get; }
}
