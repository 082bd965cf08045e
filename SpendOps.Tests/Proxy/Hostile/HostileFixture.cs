using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>
/// A host with small body and telemetry limits, for requests that try to break or slip past the proxy and the
/// ingest. The keys and the telemetry connection the rows refer to are created once, on first use.
/// </summary>
public sealed class HostileFixture : ProxyFixture
{
    public const int MaxBody = 64 * 1024;
    public const int MaxTelemetryBody = 64 * 1024;
    public const int MaxTelemetryRecords = 50;
    public const int MaxTelemetryAttributes = 200;

    private readonly SemaphoreSlim creating = new(1, 1);
    private Dictionary<string, string>? placeholders;

    protected override void Configure(SpendOpsAppFactory app)
    {
        app.Settings["Proxy:MaxRequestBodyBytes"] = MaxBody.ToString();
        app.Settings["Telemetry:MaxBodyBytes"] = MaxTelemetryBody.ToString();
        app.Settings["Telemetry:MaxRecordsPerRequest"] = MaxTelemetryRecords.ToString();
        app.Settings["Telemetry:MaxAttributesPerRequest"] = MaxTelemetryAttributes.ToString();
        // Hundreds of keyless rows from one address are the point here, not a flood to slow down.
        app.Settings["Limits:UnauthenticatedRequestsPerClient"] = "0";
    }

    /// <summary>What each <c>{name}</c> in a <see cref="HostileCase"/> stands for.</summary>
    public async Task<IReadOnlyDictionary<string, string>> PlaceholdersAsync()
    {
        await creating.WaitAsync();
        try
        {
            return placeholders ??= await CreatePlaceholdersAsync();
        }
        finally
        {
            creating.Release();
        }
    }

    private async Task<Dictionary<string, string>> CreatePlaceholdersAsync()
    {
        var key = await CreateKeyAsync();
        var other = await CreateKeyAsync();
        var restricted = await CreateKeyAsync(new KeyPolicy { AllowedModels = HostileRequestTests.AllowedModels });
        var tenant = await EnsureTenantAsync("default");
        var foreignTenant = await EnsureTenantAsync("foreign");
        var (connection, foreign, unscoped, revoked) = await WithServiceAsync<TelemetryConnectionService, (CreatedTelemetryConnection, CreatedTelemetryConnection, CreatedIngestKey, CreatedIngestKey)>(async service =>
        {
            var connection = await service.CreateAsync(tenant.Id, "Claude Team", TelemetrySource.ClaudeCode, "test", CancellationToken.None);
            var foreign = await service.CreateAsync(foreignTenant.Id, "Other Claude Team", TelemetrySource.ClaudeCode, "test", CancellationToken.None);
            var unscoped = await service.CreateKeyAsync(tenant.Id, "no scope", [], connection.Connection.Id, "test", CancellationToken.None);
            var revoked = await service.CreateKeyAsync(tenant.Id, "revoked", [IngestKeyScopes.UsageWrite], connection.Connection.Id, "test", CancellationToken.None);
            await service.RevokeKeyAsync(tenant.Id, revoked.Key.Id, "test", CancellationToken.None);
            return (connection, foreign, unscoped, revoked);
        });
        foreach (var secret in new[] { connection.FullKey, foreign.FullKey, unscoped.FullKey, revoked.FullKey })
            RunLog.IssuedSecret(secret);
        return new()
        {
            ["{key}"] = key.FullKey,
            ["{other}"] = other.FullKey,
            ["{restricted}"] = restricted.FullKey,
            ["{wrongSecret}"] = WithWrongSecret(key.FullKey),
            ["{connection}"] = connection.Connection.Id.ToString(),
            ["{ingest}"] = connection.FullKey,
            ["{wrongIngest}"] = WithWrongSecret(connection.FullKey),
            ["{foreignIngest}"] = foreign.FullKey,
            ["{unscopedIngest}"] = unscoped.FullKey,
            ["{revokedIngest}"] = revoked.FullKey,
        };
    }

    private async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    /// <summary>The same key id with a secret of the right shape that was never issued.</summary>
    private static string WithWrongSecret(string fullKey) => fullKey[..(fullKey.IndexOf('.') + 1)] + "WrongSecretWrongSecretWrongSecretWrongSe";
}
