using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;

namespace SpendOps.Core.Tenancy;

/// <summary>
/// Reads and changes a tenant's dimension catalogue. A change that would leave a key wider than the catalogue (or
/// unusable under it) is refused and names the key, so no key silently starts failing; every change is audited and
/// bumps <see cref="Tenant.DimsChangedAt"/> so the proxies pick it up within seconds.
/// </summary>
public sealed class TenantDimsService(SpendOpsDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<IReadOnlyList<TenantDimension>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var rows = await db.TenantDimensions.AsNoTracking().Where(d => d.TenantId == tenantId).ToListAsync(cancellationToken);
        return rows.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
    }

    public async Task<TenantDimsPolicy> PolicyAsync(Guid tenantId, CancellationToken cancellationToken) =>
        new(await ListAsync(tenantId, cancellationToken));

    /// <summary>Adds the entry or replaces the one of the same name.</summary>
    public async Task<TenantDimension> SetAsync(Guid tenantId, TenantDimensionInput input, string actor, CancellationToken cancellationToken)
    {
        var name = TenantDimsRules.NormalizeName(input.Name);
        var description = TenantDimsRules.NormalizeDescription(input.Description);
        var values = TenantDimsRules.NormalizeValues(name, input.AllowedValues);
        var tenant = await FindTenantAsync(tenantId, cancellationToken);
        var catalogue = await db.TenantDimensions.Where(d => d.TenantId == tenantId).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();

        var entry = catalogue.FirstOrDefault(d => d.Name == name);
        if (entry is null)
        {
            if (catalogue.Count >= TenantDimsRules.MaxEntries)
                throw new DomainException($"The catalogue already has {TenantDimsRules.MaxEntries} dimensions, as many as a call can carry. Remove one first.");
            entry = new TenantDimension { TenantId = tenantId, Name = name, CreatedAt = now };
            db.TenantDimensions.Add(entry);
            catalogue.Add(entry);
        }
        entry.Description = description;
        entry.Required = input.Required;
        entry.AllowedValues = values;
        entry.UpdatedAt = now;
        entry.UpdatedBy = actor;

        await EnsureKeysFitAsync(tenantId, catalogue, cancellationToken);
        tenant.DimsChangedAt = now;
        audit.Record(tenantId, actor, "dims.set", "tenant_dimension", name, Describe(entry));
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    public async Task RemoveAsync(Guid tenantId, string name, string actor, CancellationToken cancellationToken)
    {
        var normalized = TenantDimsRules.NormalizeName(name);
        var tenant = await FindTenantAsync(tenantId, cancellationToken);
        var catalogue = await db.TenantDimensions.Where(d => d.TenantId == tenantId).ToListAsync(cancellationToken);
        var entry = catalogue.FirstOrDefault(d => d.Name == normalized)
            ?? throw new DomainException($"Dimension '{normalized}' is not in the catalogue of tenant '{tenant.Name}'.");
        catalogue.Remove(entry);
        await EnsureKeysFitAsync(tenantId, catalogue, cancellationToken);

        db.TenantDimensions.Remove(entry);
        tenant.DimsChangedAt = clock.GetUtcNow();
        audit.Record(tenantId, actor, "dims.removed", "tenant_dimension", normalized, Describe(entry));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Refuses a key policy wider than the tenant's catalogue; called by key create and update.</summary>
    public async Task EnsureKeyFitsAsync(Guid tenantId, Keys.KeyPolicy policy, CancellationToken cancellationToken)
    {
        if ((await PolicyAsync(tenantId, cancellationToken)).ConflictWith(policy) is { } reason)
            throw new DomainException($"The key {reason}. A key can only narrow the tenant's catalogue: change the key, or the catalogue under Settings.");
    }

    private async Task EnsureKeysFitAsync(Guid tenantId, IEnumerable<TenantDimension> catalogue, CancellationToken cancellationToken)
    {
        var policy = new TenantDimsPolicy(catalogue);
        var keys = await db.ApiKeys.AsNoTracking().Where(k => k.TenantId == tenantId).Select(k => new { k.Id, k.Name, k.Policy }).ToListAsync(cancellationToken);
        foreach (var key in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            if (policy.ConflictWith(key.Policy) is { } reason)
                throw new DomainException($"Key '{key.Name}' ({key.Id}) {reason} after this change. Change that key's policy first.");
        }
    }

    private async Task<Tenant> FindTenantAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
        ?? throw new DomainException($"No tenant with id '{tenantId}'.");

    private static string Describe(TenantDimension entry)
    {
        var text = $"{(entry.Required ? "required" : "optional")}; values: {(entry.AllowedValues.Count == 0 ? "free text" : string.Join(", ", entry.AllowedValues))}"
            + (entry.Description is null ? "" : $"; {entry.Description}");
        return text.Length <= MaxAuditDetails ? text : text[..(MaxAuditDetails - 1)] + "…";
    }

    private const int MaxAuditDetails = 4000;
}
