using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Audit;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;

namespace SpendOps.Core.Telemetry;

/// <summary>
/// Creates telemetry connections and manages their ingest keys (create, rotate, revoke), with an audit entry
/// for each change. Keys are shown once; only a hash of the secret is stored.
/// </summary>
public sealed class TelemetryConnectionService(SpendOpsDbContext db, AuditLog audit, KeyHasher hasher, TimeProvider clock)
{
    /// <summary>Creates a connection and its first <c>usage:write</c> key, bound to the connection.</summary>
    public async Task<CreatedTelemetryConnection> CreateAsync(Guid tenantId, string name, TelemetrySource source, string actor, CancellationToken cancellationToken)
    {
        name = ValidateName(name, "Connection");
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
            throw new DomainException($"No tenant with id '{tenantId}'.");

        var connection = new TelemetryConnection
        {
            TenantId = tenantId,
            Name = name,
            Source = source,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = actor,
        };
        db.TelemetryConnections.Add(connection);
        audit.Record(tenantId, actor, "telemetry_connection.created", "telemetry_connection", connection.Id.ToString(),
            $"{name} ({TelemetrySourceNames.ToName(source)})");
        var (key, fullKey) = NewKey(tenantId, $"{name} ingest", [IngestKeyScopes.UsageWrite], connection.Id, actor);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedTelemetryConnection(connection, key, fullKey);
    }

    /// <summary>
    /// Creates another ingest key ("Generate ingest key", or a manual key under Settings - API Keys). With a
    /// connection id the key works only there; without, for every connection of the tenant.
    /// </summary>
    public async Task<CreatedIngestKey> CreateKeyAsync(Guid tenantId, string name, IReadOnlyList<string> scopes, Guid? connectionId, string actor, CancellationToken cancellationToken)
    {
        name = ValidateName(name, "Key");
        var cleanScopes = scopes.Select(s => s.Trim()).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var scope in cleanScopes)
        {
            if (!IngestKeyScopes.All.Contains(scope, StringComparer.Ordinal))
                throw new DomainException($"Unknown scope '{scope}'. Known scopes: {string.Join(", ", IngestKeyScopes.All)}.");
        }
        if (connectionId is { } id)
            await FindConnectionAsync(tenantId, id, cancellationToken);
        else if (!await db.Tenants.AnyAsync(t => t.Id == tenantId, cancellationToken))
            throw new DomainException($"No tenant with id '{tenantId}'.");

        var (key, fullKey) = NewKey(tenantId, name, cleanScopes, connectionId, actor);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedIngestKey(key, fullKey);
    }

    public async Task<IReadOnlyList<TelemetryConnectionSummary>> ListAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        var connections = await db.TelemetryConnections.AsNoTracking()
            .Where(c => c.TenantId == tenantId)
            .OrderBy(c => c.Name)
            .ToListAsync(cancellationToken);
        var keys = await db.IngestKeys.AsNoTracking()
            .Where(k => k.TenantId == tenantId)
            .OrderBy(k => k.CreatedAt)
            .ToListAsync(cancellationToken);
        return connections
            .Select(c => new TelemetryConnectionSummary(c.Id, c.Name, c.Source, c.EndpointPath, c.CreatedAt, c.LastReceivedAt,
                keys.Where(k => k.ConnectionId == c.Id || k.ConnectionId is null).Select(IngestKeySummary.From).ToList()))
            .ToList();
    }

    public async Task<IReadOnlyList<IngestKeySummary>> ListKeysAsync(Guid tenantId, CancellationToken cancellationToken) =>
        (await db.IngestKeys.AsNoTracking().Where(k => k.TenantId == tenantId).OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken))
            .Select(IngestKeySummary.From)
            .ToList();

    /// <summary>Replaces the secret; the old full key stops working at once (the ingest reads keys from the database).</summary>
    public async Task<CreatedIngestKey> RotateKeyAsync(Guid tenantId, string keyId, string actor, CancellationToken cancellationToken)
    {
        var key = await FindKeyAsync(tenantId, keyId, cancellationToken);
        if (key.Status == IngestKeyStatus.Revoked)
            throw new DomainException($"Ingest key '{keyId}' is revoked; create a new key instead.");
        var secret = IngestKeyFormat.NewSecret();
        var now = clock.GetUtcNow();
        key.SecretHash = hasher.Hash(key.Id, secret);
        key.SecretHint = secret[^4..];
        key.RotatedAt = now;
        key.UpdatedAt = now;
        audit.Record(tenantId, actor, "ingest_key.rotated", "ingest_key", key.Id, key.Name);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedIngestKey(key, IngestKeyFormat.Compose(key.Id, secret));
    }

    public async Task<IngestKey> RevokeKeyAsync(Guid tenantId, string keyId, string actor, CancellationToken cancellationToken)
    {
        var key = await FindKeyAsync(tenantId, keyId, cancellationToken);
        if (key.Status != IngestKeyStatus.Revoked)
        {
            var now = clock.GetUtcNow();
            key.Status = IngestKeyStatus.Revoked;
            key.RevokedAt = now;
            key.UpdatedAt = now;
            audit.Record(tenantId, actor, "ingest_key.revoked", "ingest_key", key.Id, key.Name);
            await db.SaveChangesAsync(cancellationToken);
        }
        return key;
    }

    /// <summary>Finds a connection; one of another tenant is reported as not found.</summary>
    public async Task<TelemetryConnection> FindConnectionAsync(Guid tenantId, Guid connectionId, CancellationToken cancellationToken) =>
        await db.TelemetryConnections.FirstOrDefaultAsync(c => c.Id == connectionId && c.TenantId == tenantId, cancellationToken)
        ?? throw new DomainException($"No telemetry connection with id '{connectionId}'.");

    private async Task<IngestKey> FindKeyAsync(Guid tenantId, string keyId, CancellationToken cancellationToken) =>
        await db.IngestKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.TenantId == tenantId, cancellationToken)
        ?? throw new DomainException($"No ingest key with id '{keyId}'.");

    private (IngestKey Key, string FullKey) NewKey(Guid tenantId, string name, List<string> scopes, Guid? connectionId, string actor)
    {
        var now = clock.GetUtcNow();
        var id = IngestKeyFormat.NewId();
        var secret = IngestKeyFormat.NewSecret();
        var key = new IngestKey
        {
            Id = id,
            TenantId = tenantId,
            Name = name.Length > 100 ? name[..100] : name,
            SecretHash = hasher.Hash(id, secret),
            SecretHint = secret[^4..],
            Scopes = scopes,
            ConnectionId = connectionId,
            Status = IngestKeyStatus.Active,
            CreatedAt = now,
            UpdatedAt = now,
            CreatedBy = actor,
        };
        db.IngestKeys.Add(key);
        audit.Record(tenantId, actor, "ingest_key.created", "ingest_key", id, $"{key.Name} [{string.Join(' ', scopes)}]");
        return (key, IngestKeyFormat.Compose(id, secret));
    }

    private static string ValidateName(string name, string what)
    {
        name = name.Trim();
        if (name.Length is 0 or > 100)
            throw new DomainException($"{what} name must be 1 to 100 characters.");
        return name;
    }
}
