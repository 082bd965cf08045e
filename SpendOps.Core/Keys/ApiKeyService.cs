using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Keys;

/// <summary>Creates, changes, disables and rotates proxy keys, with an audit entry for each change.</summary>
public sealed class ApiKeyService(SpendOpsDbContext db, AuditLog audit, TenantDimsService dims, KeyHasher hasher, TimeProvider clock)
{
    public async Task<CreatedApiKey> CreateAsync(Guid tenantId, string name, KeyPolicy policy, string actor, CancellationToken cancellationToken, DateTimeOffset? expiresAt = null)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new DomainException("Key name must be 1 to 100 characters.");
        policy = KeyPolicyValidator.Normalize(policy);
        await dims.EnsureKeyFitsAsync(tenantId, policy, cancellationToken);

        var now = clock.GetUtcNow();
        var id = ApiKeyFormat.NewId();
        var secret = ApiKeyFormat.NewSecret();
        var key = new ApiKey
        {
            Id = id,
            TenantId = tenantId,
            Name = name,
            SecretHash = hasher.Hash(id, secret),
            SecretHint = secret[^4..],
            Status = ApiKeyStatus.Active,
            Policy = policy,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = actor,
            ExpiresAt = expiresAt,
        };
        db.ApiKeys.Add(key);
        audit.Record(tenantId, actor, "key.created", "api_key", id, name);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key, ApiKeyFormat.Compose(id, secret));
    }

    public async Task<ApiKey> SetStatusAsync(string id, TenantScope scope, ApiKeyStatus status, string actor, CancellationToken cancellationToken)
    {
        var key = await FindAsync(id, scope, cancellationToken);
        if (key.Status != status)
        {
            key.Status = status;
            key.UpdatedAt = clock.GetUtcNow();
            audit.Record(key.TenantId, actor, status == ApiKeyStatus.Active ? "key.enabled" : "key.disabled", "api_key", id, key.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
        return key;
    }

    /// <summary>Replaces the secret; the old full key stops working as soon as the proxies refresh their cache.</summary>
    public async Task<CreatedApiKey> RotateAsync(string id, TenantScope scope, string actor, CancellationToken cancellationToken)
    {
        var key = await FindAsync(id, scope, cancellationToken);
        var secret = ApiKeyFormat.NewSecret();
        var now = clock.GetUtcNow();
        key.SecretHash = hasher.Hash(key.Id, secret);
        key.SecretHint = secret[^4..];
        key.RotatedAt = now;
        key.UpdatedAt = now;
        audit.Record(key.TenantId, actor, "key.rotated", "api_key", id, key.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(key, ApiKeyFormat.Compose(key.Id, secret));
    }

    public async Task<ApiKey> UpdateAsync(string id, TenantScope scope, string name, KeyPolicy policy, DateTimeOffset? expiresAt, string actor, CancellationToken cancellationToken)
    {
        var key = await FindAsync(id, scope, cancellationToken);
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new DomainException("Key name must be 1 to 100 characters.");
        policy = KeyPolicyValidator.Normalize(policy);
        await dims.EnsureKeyFitsAsync(key.TenantId, policy, cancellationToken);
        key.Name = name;
        key.Policy = policy;
        key.ExpiresAt = expiresAt;
        key.UpdatedAt = clock.GetUtcNow();
        audit.Record(key.TenantId, actor, "key.policy_changed", "api_key", id, System.Text.Json.JsonSerializer.Serialize(key.Policy, JsonColumn.Options));
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>Finds a key; a key outside the scope is reported as not found.</summary>
    public async Task<ApiKey> FindAsync(string id, TenantScope scope, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.InScope(scope).Include(k => k.Tenant).FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null)
            throw new DomainException($"No API key with id '{id}'.");
        return key;
    }
}
