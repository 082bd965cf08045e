using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;

namespace SpendOps.Core.Tenancy;

/// <summary>Creates, finds and lists tenants.</summary>
public sealed class TenantService(SpendOpsDbContext db, AuditLog audit, TimeProvider clock)
{
    public Task<Tenant?> FindByNameAsync(string name, CancellationToken cancellationToken) =>
        db.Tenants.FirstOrDefaultAsync(t => t.Name == name, cancellationToken);

    public async Task<IReadOnlyList<TenantSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking()
            .Select(t => new TenantSummary(t.Id, t.Name, t.CreatedAt, db.Users.Count(u => u.TenantId == t.Id), db.ApiKeys.Count(k => k.TenantId == t.Id)))
            .ToListAsync(cancellationToken);
        return tenants.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<Tenant> CreateAsync(string name, string actor, CancellationToken cancellationToken)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new DomainException("Tenant name must be 1 to 100 characters.");
        if (await db.Tenants.AnyAsync(t => t.Name == name, cancellationToken))
            throw new DomainException($"Tenant '{name}' already exists.");

        var now = clock.GetUtcNow();
        var tenant = new Tenant { Name = name, CreatedAt = now, DimsChangedAt = now };
        db.Tenants.Add(tenant);
        audit.Record(tenant.Id, actor, "tenant.created", "tenant", tenant.Id.ToString(), name);
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    /// <summary>
    /// Sets the IANA zone in which "today", "this month" and budget periods are counted. A Windows id the system
    /// knows is stored as its IANA equivalent, so every host reads the same zone.
    /// </summary>
    public async Task<Tenant> SetTimeZoneAsync(Guid tenantId, string zoneId, string actor, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new DomainException($"No tenant with id '{tenantId}'.");
        var iana = ToIanaId(zoneId.Trim())
            ?? throw new DomainException($"Unknown time zone '{zoneId.Trim()}': use an IANA id such as Europe/Berlin, America/New_York or UTC.");
        if (iana != tenant.TimeZone)
        {
            audit.Record(tenant.Id, actor, "tenant.time_zone_changed", "tenant", tenant.Id.ToString(), $"{tenant.TimeZone} -> {iana}");
            tenant.TimeZone = iana;
            await db.SaveChangesAsync(cancellationToken);
        }
        return tenant;
    }

    private static string? ToIanaId(string zoneId)
    {
        if (zoneId.Length is 0 or > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone))
            return null;
        if (zone.HasIanaId)
            return zone.Id;
        return TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? iana : null;
    }

    /// <summary>
    /// Sets the requests/tokens per minute that keys without their own limit get; null clears a default. Only the
    /// values given change (<paramref name="clearRequests"/>/<paramref name="clearTokens"/> remove one).
    /// </summary>
    public async Task<Tenant> UpdateRateLimitsAsync(string name, int? requestsPerMinute, int? tokensPerMinute, bool clearRequests, bool clearTokens, string actor, CancellationToken cancellationToken)
    {
        var tenant = await FindByNameAsync(name, cancellationToken) ?? throw new DomainException($"No tenant named '{name}'.");
        Keys.KeyPolicyValidator.CheckRateLimit(requestsPerMinute, "Requests per minute");
        Keys.KeyPolicyValidator.CheckRateLimit(tokensPerMinute, "Tokens per minute");
        if (requestsPerMinute is not null || clearRequests)
            tenant.DefaultRequestsPerMinute = requestsPerMinute;
        if (tokensPerMinute is not null || clearTokens)
            tenant.DefaultTokensPerMinute = tokensPerMinute;
        audit.Record(tenant.Id, actor, "tenant.rate_limits_changed", "tenant", tenant.Id.ToString(),
            $"requests per minute: {Describe(tenant.DefaultRequestsPerMinute)}, tokens per minute: {Describe(tenant.DefaultTokensPerMinute)}");
        await db.SaveChangesAsync(cancellationToken);
        return tenant;
    }

    private static string Describe(int? limit) => limit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
