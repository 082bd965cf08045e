using System.IO.Compression;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Proxy;
using SpendOps.Proxy.Telemetry;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>
/// A minimal real host: Kestrel on a loopback port, Core + telemetry ingest, and a fresh SQLite or PostgreSQL
/// database (<see cref="TestDatabase"/>) created from the migrations. One per test class and database (the class
/// fixtures <see cref="Sqlite"/> and <see cref="Postgres"/>); tests isolate themselves with their own tenant and
/// connection.
/// </summary>
public abstract class TelemetryTestHost : IAsyncLifetime, IAsyncDisposable
{
    public const int MaxBodyBytes = 256 * 1024;
    public const int MaxRecordsPerRequest = 2000;
    public const int MaxAttributesPerRequest = 50_000;

    private readonly DatabaseKind databaseKind;
    private string directory = TestEnvironment.TempDirectory("telemetry");
    private TestDatabase? database;
    private bool ownsDatabase = true;
    private WebApplication? app;

    private TelemetryTestHost(DatabaseKind databaseKind)
    {
        this.databaseKind = databaseKind;
    }

    /// <summary>The class fixture of the SQLite side of a telemetry test class.</summary>
    public sealed class Sqlite() : TelemetryTestHost(DatabaseKind.Sqlite);

    /// <summary>The class fixture of the PostgreSQL side; without a server (tests skipped, never in CI) it starts nothing.</summary>
    public sealed class Postgres() : TelemetryTestHost(DatabaseKind.Postgres);

    private sealed class SecondInstance(DatabaseKind databaseKind) : TelemetryTestHost(databaseKind);

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => app!.Services;

    /// <summary>A second host on the same database file: another instance behind the load balancer, or this one restarted.</summary>
    public async Task<TelemetryTestHost> StartSecondInstanceAsync()
    {
        var second = new SecondInstance(databaseKind) { database = database, ownsDatabase = false };
        Directory.Delete(second.directory);
        second.directory = directory;
        await second.InitializeAsync();
        return second;
    }

    public async Task InitializeAsync()
    {
        if (OnDatabaseAttribute.SkipReason(databaseKind) is not null)
            return;
        database ??= await TestDatabase.CreateAsync(databaseKind);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = directory, EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(database.Settings);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:MigrateOnStartup"] = "false",
            ["Keys:HashSecret"] = TestEnvironment.KeyHashSecret,
            ["Telemetry:MaxBodyBytes"] = MaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telemetry:MaxRecordsPerRequest"] = MaxRecordsPerRequest.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Telemetry:MaxAttributesPerRequest"] = MaxAttributesPerRequest.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(new RunLogProvider());
        builder.Logging.AddFilter<RunLogProvider>("SpendOps", LogLevel.Debug);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddSpendOpsCore();
        builder.AddSpendOpsTelemetry();
        // The proxy's usage writer stores proxy records as in the app, for the rules between both sources.
        builder.AddSpendOpsProxy();
        app = builder.Build();
        app.MapSpendOpsOtlpIngest();

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>().Database.MigrateAsync();
        await app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (!ownsDatabase)
            return;
        if (database is not null)
            await database.DisposeAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine is left for the OS to clean; it is in the temp folder.
        }
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task<T> WithDbAsync<T>(Func<SpendOpsDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>());
    }

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action) where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public Task<Tenant> CreateTenantAsync() =>
        WithServiceAsync<TenantService, Tenant>(s => s.CreateAsync("tenant-" + Guid.NewGuid().ToString("N")[..8], "tests", CancellationToken.None));

    /// <summary>A fresh tenant and connection with its first key, so each test sees only its own records.</summary>
    public async Task<CreatedTelemetryConnection> CreateConnectionAsync()
    {
        var tenant = await CreateTenantAsync();
        var created = await WithServiceAsync<TelemetryConnectionService, CreatedTelemetryConnection>(s =>
            s.CreateAsync(tenant.Id, "Claude Team", TelemetrySource.ClaudeCode, "tests", CancellationToken.None));
        RunLog.IssuedSecret(created.FullKey);
        return created;
    }

    public Task<HttpResponseMessage> PostAsync(string path, byte[] body, string? contentType, string? key, bool gzip = false, bool chunked = false)
    {
        var payload = gzip ? Gzip(body) : body;
        HttpContent content = chunked ? new StreamContent(new MemoryStream(payload)) : new ByteArrayContent(payload);
        if (contentType is not null)
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip)
            content.Headers.ContentEncoding.Add("gzip");
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (chunked)
            request.Headers.TransferEncodingChunked = true;
        if (key is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return Client.SendAsync(request);
    }

    public Task<HttpResponseMessage> PostAsync(CreatedTelemetryConnection connection, string signal, byte[] body, string contentType = "application/json") =>
        PostAsync($"{connection.EndpointPath}/v1/{signal}", body, contentType, connection.FullKey);

    /// <summary>The connection's usage records with their dimension rows.</summary>
    public Task<List<UsageRecord>> RecordsAsync(Guid connectionId) =>
        WithDbAsync(db => db.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).Where(r => r.ConnectionId == connectionId).ToListAsync());

    public static byte[] Gzip(byte[] body)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest))
            gzip.Write(body);
        return output.ToArray();
    }
}
