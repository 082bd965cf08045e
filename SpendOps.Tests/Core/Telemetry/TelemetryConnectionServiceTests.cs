using Microsoft.EntityFrameworkCore;
using SpendOps.Core;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Tests.Proxy.Telemetry;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Telemetry;

public abstract class TelemetryConnectionServiceTests(TelemetryTestHost host)
{
    [DatabaseFact]
    public async Task CreateAsync_NewConnection_ReturnsEndpointAndKeyShownOnce()
    {
        var created = await host.CreateConnectionAsync();

        Assert.Equal($"/api/v1/public/ingest/otel/claude/{created.Connection.Id:D}", created.EndpointPath);
        Assert.StartsWith($"ss_live_{created.Key.Id}.", created.FullKey);
        Assert.Equal([IngestKeyScopes.UsageWrite], created.Key.Scopes);
        Assert.Equal(created.Connection.Id, created.Key.ConnectionId);
        var stored = await host.WithDbAsync(db => db.IngestKeys.AsNoTracking().SingleAsync(k => k.Id == created.Key.Id));
        var secret = created.FullKey[(created.FullKey.IndexOf('.') + 1)..];
        Assert.DoesNotContain(secret, stored.SecretHash);
        Assert.True(host.Services.GetRequiredService<KeyHasher>().Verify(stored.Id, secret, stored.SecretHash));
        Assert.Equal(secret[^4..], stored.SecretHint);
        var actions = await AuditActionsAsync(created.Connection.TenantId);
        Assert.Contains("telemetry_connection.created", actions);
        Assert.Contains("ingest_key.created", actions);
    }

    [DatabaseFact]
    public async Task ListAsync_Connections_ShowKeysWithoutSecretsAndLastReceived()
    {
        var created = await host.CreateConnectionAsync();

        var summary = Assert.Single(await host.WithServiceAsync<TelemetryConnectionService, IReadOnlyList<TelemetryConnectionSummary>>(s =>
            s.ListAsync(created.Connection.TenantId, CancellationToken.None)));

        Assert.Equal("Claude Team", summary.Name);
        Assert.Equal(TelemetrySource.ClaudeCode, summary.Source);
        Assert.Null(summary.LastReceivedAt);
        var key = Assert.Single(summary.Keys);
        Assert.Equal($"ss_live_{created.Key.Id}.…{created.FullKey[^4..]}", key.DisplayHint);
        Assert.DoesNotContain(created.FullKey, key.ToString());
    }

    [DatabaseFact]
    public async Task RotateKeyAsync_ActiveKey_OldKeyStopsWorkingNewKeyWorks()
    {
        var created = await host.CreateConnectionAsync();

        var rotated = await host.WithServiceAsync<TelemetryConnectionService, CreatedIngestKey>(s =>
            s.RotateKeyAsync(created.Connection.TenantId, created.Key.Id, "tests", CancellationToken.None));

        Assert.NotEqual(created.FullKey, rotated.FullKey);
        Assert.NotNull(rotated.Key.RotatedAt);
        using var old = await host.PostAsync($"{created.EndpointPath}/v1/logs", "{}"u8.ToArray(), "application/json", created.FullKey);
        using var fresh = await host.PostAsync($"{created.EndpointPath}/v1/logs", "{}"u8.ToArray(), "application/json", rotated.FullKey);
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, fresh.StatusCode);
        Assert.Contains("ingest_key.rotated", await AuditActionsAsync(created.Connection.TenantId));
    }

    [DatabaseFact]
    public async Task RevokeKeyAsync_ActiveKey_RevokedAndAudited()
    {
        var created = await host.CreateConnectionAsync();

        var revoked = await host.WithServiceAsync<TelemetryConnectionService, IngestKey>(s =>
            s.RevokeKeyAsync(created.Connection.TenantId, created.Key.Id, "tests", CancellationToken.None));

        Assert.Equal(IngestKeyStatus.Revoked, revoked.Status);
        Assert.NotNull(revoked.RevokedAt);
        Assert.Contains("ingest_key.revoked", await AuditActionsAsync(created.Connection.TenantId));
        await Assert.ThrowsAsync<DomainException>(() => host.WithServiceAsync<TelemetryConnectionService, CreatedIngestKey>(s =>
            s.RotateKeyAsync(created.Connection.TenantId, created.Key.Id, "tests", CancellationToken.None)));
    }

    [DatabaseFact]
    public async Task RevokeKeyAsync_KeyOfAnotherTenant_NotFound()
    {
        var created = await host.CreateConnectionAsync();
        var other = await host.CreateTenantAsync();

        await Assert.ThrowsAsync<DomainException>(() => host.WithServiceAsync<TelemetryConnectionService, IngestKey>(s =>
            s.RevokeKeyAsync(other.Id, created.Key.Id, "tests", CancellationToken.None)));
    }

    [DatabaseFact]
    public async Task CreateKeyAsync_UnknownScope_Rejected()
    {
        var created = await host.CreateConnectionAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => host.WithServiceAsync<TelemetryConnectionService, CreatedIngestKey>(s =>
            s.CreateKeyAsync(created.Connection.TenantId, "bad", ["usage:admin"], null, "tests", CancellationToken.None)));

        Assert.Contains("usage:write", error.Message);
    }

    [DatabaseTheory]
    [InlineData("claude_code", TelemetrySource.ClaudeCode)]
    [InlineData("claude_cowork", TelemetrySource.ClaudeCowork)]
    [InlineData("CLAUDE_OFFICE_AGENTS", TelemetrySource.ClaudeOfficeAgents)]
    public void TryParse_SourceName_MapsToSource(string name, TelemetrySource expected)
    {
        Assert.True(TelemetrySourceNames.TryParse(name, out var source));
        Assert.Equal(expected, source);
        Assert.Equal(name.ToLowerInvariant(), TelemetrySourceNames.ToName(expected));
    }

    private Task<List<string>> AuditActionsAsync(Guid tenantId) =>
        host.WithDbAsync(db => db.AuditEntries.Where(a => a.TenantId == tenantId).Select(a => a.Action).ToListAsync());

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(TelemetryTestHost.Sqlite fixture) : TelemetryConnectionServiceTests(fixture), IClassFixture<TelemetryTestHost.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(TelemetryTestHost.Postgres fixture) : TelemetryConnectionServiceTests(fixture), IClassFixture<TelemetryTestHost.Postgres>;
}
