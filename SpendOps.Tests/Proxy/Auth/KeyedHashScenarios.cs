using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;
using static SpendOps.Tests.Proxy.Auth.KeyStorageTestApps;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>
/// Keys are stored as HMAC-SHA256 under a server secret that is not in the database; keys stored as a plain SHA-256
/// before that are rewritten at start and keep working; an instance with another secret refuses keys and says why.
/// Run on SQLite and PostgreSQL.
/// </summary>
public abstract class KeyedHashScenarios : IAsyncLifetime
{
    /// <summary>Another valid secret (32 bytes of 0xAB), not the one the test hosts share.</summary>
    private static readonly string OtherSecret = Convert.ToBase64String(Enumerable.Repeat((byte)0xAB, 32).ToArray());

    private FakeUpstream upstream = null!;

    protected TestDatabase Database { get; private set; } = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        upstream = await FakeUpstream.StartAsync();
        Database = await CreateDatabaseAsync();
    }

    public async Task DisposeAsync()
    {
        await upstream.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected async Task CreatedKey_IsStoredAsHmacOfItsSha256_NotThePlainHashAsync()
    {
        await using var app = Start(Database, upstream.BaseUrl);
        var key = await CreateKeyAsync(app);

        var stored = await StoredApiKeyHashAsync(app, key.Key.Id);
        var plain = Sha256Hex($"{key.Key.Id}.{SecretOf(key.FullKey)}");
        Assert.NotEqual(plain, stored);
        Assert.DoesNotContain(plain, stored, StringComparison.Ordinal);
        Assert.Equal("h1:" + HmacHex(TestEnvironment.KeyHashSecret, plain), stored);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(app, key.FullKey)).Status);
    }

    protected async Task OldSchemeRows_AuthenticateAfterStart_AndAreRewrittenAsync()
    {
        await using var first = Start(Database, upstream.BaseUrl);
        var tenant = await DefaultTenantAsync(first);
        // A proxy key and an ingest key as the previous version stored them: the plain SHA-256 hex of "{id}.{secret}".
        var id = ApiKeyFormat.NewId();
        var secret = ApiKeyFormat.NewSecret();
        var plain = Sha256Hex($"{id}.{secret}");
        await WithDbAsync(first, async db =>
        {
            var now = DateTimeOffset.UtcNow;
            db.ApiKeys.Add(new ApiKey
            {
                Id = id, TenantId = tenant, Name = "from before", SecretHash = plain, SecretHint = secret[^4..],
                Status = ApiKeyStatus.Active, Policy = KeyPolicy.Unrestricted, CreatedAt = now, UpdatedAt = now, CreatedBy = "test",
            });
            await db.SaveChangesAsync();
        });
        CreatedTelemetryConnection connection;
        await using (var scope = first.Services.CreateAsyncScope())
        {
            connection = await scope.ServiceProvider.GetRequiredService<TelemetryConnectionService>()
                .CreateAsync(tenant, "old ingest key", TelemetrySource.ClaudeCode, "test", CancellationToken.None);
        }
        var ingestPlain = Sha256Hex($"{connection.Key.Id}.{SecretOf(connection.FullKey)}");
        await WithDbAsync(first, db => db.IngestKeys.Where(k => k.Id == connection.Key.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.SecretHash, ingestPlain)));
        var fullKey = ApiKeyFormat.Compose(id, secret);

        // A second instance starting on the database rewrites both rows before it serves.
        await using var second = Start(Database, upstream.BaseUrl);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(second, fullKey)).Status);
        Assert.Equal(HttpStatusCode.Accepted, await IngestAsync(second, connection.EndpointPath, connection.FullKey));
        Assert.Equal("h1:" + HmacHex(TestEnvironment.KeyHashSecret, plain), await StoredApiKeyHashAsync(second, id));
        Assert.Equal("h1:" + HmacHex(TestEnvironment.KeyHashSecret, ingestPlain),
            await WithDbAsync(second, db => db.IngestKeys.Where(k => k.Id == connection.Key.Id).Select(k => k.SecretHash).SingleAsync()));
        // The instance that was already running picks the rewritten row up too.
        await WaitForStatusAsync(first, fullKey, HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Accepted, await IngestAsync(first, connection.EndpointPath, connection.FullKey));
    }

    protected async Task InstanceWithAnotherSecret_RefusesKeysWith403_AndSaysSoOnceAsync()
    {
        await using var first = Start(Database, upstream.BaseUrl);
        var key = await CreateKeyAsync(first);
        var log = new CapturedLog();

        await using var other = Start(Database, upstream.BaseUrl, log, app => app.Settings["Keys:HashSecret"] = OtherSecret);

        var (status, body) = await CallAsync(other, key.FullKey);
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains(ProxyMessages.InvalidKeyUnknown, body, StringComparison.Ordinal);
        var mismatch = Assert.Single(log.Warnings, line => line.Contains("hash secret does not match", StringComparison.Ordinal));
        Assert.DoesNotContain(OtherSecret, mismatch, StringComparison.Ordinal);
        Assert.DoesNotContain(log.Warnings, line => line.Contains(OtherSecret, StringComparison.Ordinal) || line.Contains(TestEnvironment.KeyHashSecret, StringComparison.Ordinal));
        // The other instance did not rewrite anything: the key still works where the secret is right.
        Assert.Equal(HttpStatusCode.OK, (await CallAsync(first, key.FullKey)).Status);
    }

    protected async Task HashSecret_NeverInLogsOrInTheKeyTablesAsync()
    {
        var log = new CapturedLog();
        await using var app = Start(Database, upstream.BaseUrl, log);
        var key = await CreateKeyAsync(app);
        await WithKeysAsync(app, s => s.RotateAsync(key.Key.Id, TenantScope.AllTenants, "test", CancellationToken.None));

        var stored = await WithDbAsync(app, async db => string.Join("\n",
            (await db.ApiKeys.Select(k => k.SecretHash).ToListAsync())
                .Concat(await db.IngestKeys.Select(k => k.SecretHash).ToListAsync())
                .Concat(await db.KeyStoreStates.Select(s => s.HashSecretCheck ?? "").ToListAsync())
                .Concat(await db.AuditEntries.Select(a => a.Details ?? "").ToListAsync())));
        foreach (var form in SecretForms(TestEnvironment.KeyHashSecret))
        {
            Assert.DoesNotContain(form, stored, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(log.Warnings, line => line.Contains(form, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>The ways the secret could be written down: as configured (base64) and as hex.</summary>
    protected static IEnumerable<string> SecretForms(string base64) => [base64, Convert.ToHexString(Convert.FromBase64String(base64))];

    private static async Task<Guid> DefaultTenantAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None))!.Id;
    }

    private static Task<string> StoredApiKeyHashAsync(SpendOpsAppFactory app, string id) =>
        WithDbAsync(app, db => db.ApiKeys.Where(k => k.Id == id).Select(k => k.SecretHash).SingleAsync());

    private static async Task<T> WithDbAsync<T>(SpendOpsAppFactory app, Func<SpendOps.Core.Data.SpendOpsDbContext, Task<T>> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SpendOps.Core.Data.SpendOpsDbContext>());
    }

    private static async Task WithDbAsync(SpendOpsAppFactory app, Func<SpendOps.Core.Data.SpendOpsDbContext, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<SpendOps.Core.Data.SpendOpsDbContext>());
    }

    private static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string HmacHex(string base64Secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Convert.FromBase64String(base64Secret), Encoding.UTF8.GetBytes(text)));
}
