using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;
using SpendOps.Proxy;
using SpendOps.Proxy.Usage;

// Usage: dotnet run -c Release --project bench/writer -- [seconds] [postgres connection string (server admin), or ""] [--Usage:BatchSize=1000 ...]
// Fills a fresh SQLite database, then (when a PostgreSQL server is given) a fresh PostgreSQL database, through the
// product's own UsageSink and UsageWriter, and prints sustained records/s and bytes stored per record.
const double Bar = 50_000;
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 30;
var postgresAdmin = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("SPENDOPS_BENCH_POSTGRES");
// Further arguments are product settings (--Usage:BatchSize=1000), to compare against the shipped defaults.
var settings = args.Skip(2).ToArray();
var work = Path.Combine(Path.GetTempPath(), "spendops-writer-bench-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
var results = new List<string>();

var sqliteFile = Path.Combine(work, "usage.db");
results.Add(await RunAsync("SQLite", "Sqlite", $"Data Source={sqliteFile}", async _ =>
{
    await using var connection = new SqliteConnection($"Data Source={sqliteFile}");
    await connection.OpenAsync();
    await using var checkpoint = new SqliteCommand("PRAGMA wal_checkpoint(TRUNCATE)", connection);
    await checkpoint.ExecuteNonQueryAsync();
    return new FileInfo(sqliteFile).Length;
}));

results.Add(await InserterAloneAsync("SQLite", () => new SqliteSpendOpsDbContext(
    new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite($"Data Source={sqliteFile}").Options), seconds / 3));

if (postgresAdmin is { Length: > 0 })
{
    var name = "spendops_writer_bench_" + Guid.NewGuid().ToString("N")[..8];
    await ExecuteAsync(postgresAdmin, $"CREATE DATABASE \"{name}\"");
    var connectionString = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = name }.ConnectionString;
    try
    {
        results.Add(await RunAsync("PostgreSQL", "Postgres", connectionString, async cs =>
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync();
            await using var size = new NpgsqlCommand("SELECT pg_total_relation_size('\"UsageRecords\"') + pg_total_relation_size('\"UsageDimensions\"')", connection);
            return (long)(await size.ExecuteScalarAsync())!;
        }));
        results.Add(await InserterAloneAsync("PostgreSQL", () => new PostgresSpendOpsDbContext(
            new DbContextOptionsBuilder<PostgresSpendOpsDbContext>().UseNpgsql(connectionString).Options), seconds / 3));
        results.Add(await CompareCopyPathsAsync(connectionString, seconds / 3));
    }
    finally
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(postgresAdmin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }
}

Console.WriteLine();
Console.WriteLine($"load (uptime): {Uptime()}");
foreach (var line in results)
    Console.WriteLine(line);
Directory.Delete(work, recursive: true);
return 0;

async Task<string> RunAsync(string label, string provider, string connectionString, Func<string, Task<long>> storedBytes)
{
    // As the product's host: settings files read once, no file watcher on the working directory and the databases below it.
    var builder = Host.CreateApplicationBuilder(["--hostBuilder:reloadConfigOnChange=false"]);
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Database:Provider"] = provider,
        ["ConnectionStrings:SpendOps"] = connectionString,
        ["Jobs:Enabled"] = "false",
        ["Keys:HashSecret"] = Convert.ToBase64String(new byte[32].Select((_, i) => (byte)(i + 1)).ToArray()),
        ["Usage:SpillDirectory"] = Path.Combine(work, provider, "spill"),
        ["Usage:JournalDirectory"] = Path.Combine(work, provider, "journal"),
    });
    builder.Configuration.AddCommandLine(settings);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    // EF logs the failed first read of the migrations history of a fresh database as an error; it is expected here.
    builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None);
    builder.AddSpendOpsCore();
    builder.AddSpendOpsProxy();
    using var host = builder.Build();
    await host.StartAsync();
    var tenants = await CreateTenantsAsync(host.Services, 5);
    var sink = host.Services.GetRequiredService<UsageSink>();
    var metrics = host.Services.GetRequiredService<UsageMetrics>();
    var capacity = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<UsageOptions>>().Value.QueueCapacity;

    // The producer keeps the queue half full, so the writer always has work and nothing spills: what is measured is
    // how fast the writer empties it.
    var stop = new CancellationTokenSource();
    var producer = new Thread(() =>
    {
        var records = new RecordFactory(tenants);
        while (!stop.IsCancellationRequested)
        {
            if (metrics.QueueLength >= capacity / 2)
            {
                Thread.Sleep(1);
                continue;
            }
            for (var i = 0; i < 1000; i++)
                sink.Enqueue(records.Next());
        }
    }) { IsBackground = true };
    producer.Start();
    var warmup = TimeSpan.FromSeconds(Math.Min(5, seconds / 3));
    Thread.Sleep(warmup);
    var startWritten = metrics.Written;
    var startCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var samples = new List<double>();
    var last = startWritten;
    while (clock.Elapsed.TotalSeconds < seconds)
    {
        Thread.Sleep(1000);
        var now = metrics.Written;
        samples.Add(now - last);
        last = now;
    }
    var written = metrics.Written - startWritten;
    var elapsed = clock.Elapsed.TotalSeconds;
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - startCpu).TotalSeconds;
    stop.Cancel();
    producer.Join();
    while (metrics.QueueLength > 0)
        Thread.Sleep(100);
    await host.StopAsync();

    long count;
    double priced;
    await using (var scope = host.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        count = await db.UsageRecords.LongCountAsync();
        priced = count == 0 ? 0 : (double)await db.UsageRecords.LongCountAsync(r => r.PricingStatus == PricingStatus.Priced) / count;
    }
    var bytes = await storedBytes(connectionString);
    var rate = written / elapsed;
    samples.Sort();
    return string.Create(CultureInfo.InvariantCulture,
        $"{label}: {rate:N0} records/s sustained over {elapsed:N0} s (1-s samples min {samples[0]:N0}, median {samples[samples.Count / 2]:N0}); " +
        $"{written / cpu:N0} records per CPU-second of this process (producer, journal, writer{(provider == "Sqlite" ? ", SQLite" : "; the server's CPU not counted")}); " +
        $"{count:N0} rows, {(double)bytes / count:N0} bytes stored per record (with its 3 dimension rows), {priced:P0} priced; " +
        $"spilled {metrics.Spilled}, failed {metrics.Failed}; 50k/s bar {(rate >= Bar ? "MET" : "NOT MET")}");
}

// The bulk inserter alone, in batches of the writer's default size: what the database path costs without the queue,
// journal, pricing and supersession around it.
async Task<string> InserterAloneAsync(string label, Func<SpendOpsDbContext> context, double forSeconds)
{
    Guid[] tenants;
    await using (var db = context())
        tenants = await db.Tenants.Where(t => t.Name.StartsWith("bench-")).Select(t => t.Id).ToArrayAsync();
    var factory = new RecordFactory(tenants);
    var written = 0L;
    var startCpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < forSeconds)
    {
        var batch = Enumerable.Range(0, 100).Select(_ => factory.Next()).ToList();
        await using var db = context();
        written += (await UsageBulkInserter.InsertAsync(db, batch, CancellationToken.None)).Count;
    }
    var cpu = (Process.GetCurrentProcess().TotalProcessorTime - startCpu).TotalSeconds;
    return string.Create(CultureInfo.InvariantCulture,
        $"{label} bulk inserter alone (batches of 100): {written / clock.Elapsed.TotalSeconds:N0} records/s, {written / cpu:N0} records per CPU-second of this process");
}

async Task<string> CompareCopyPathsAsync(string connectionString, double perPathSeconds)
{
    var tenants = await TenantIdsAsync(connectionString);
    var factory = new RecordFactory(tenants);
    var rates = new List<string>();
    foreach (var viaStaging in new[] { false, true })
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var written = 0L;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < perPathSeconds)
        {
            var batch = Enumerable.Range(0, 1000).Select(_ => factory.Next()).ToList();
            await PostgresUsageCopy.CopyAsync(connection, batch, RollupMarks.For(batch.Select(r => (r.TenantId, r.Timestamp))).ToList(), viaStaging, CancellationToken.None);
            written += batch.Count;
        }
        rates.Add(string.Create(CultureInfo.InvariantCulture, $"{(viaStaging ? "via staging tables + ON CONFLICT" : "direct COPY")} {written / clock.Elapsed.TotalSeconds:N0} records/s"));
    }
    return "PostgreSQL copy paths alone (batches of 1,000, no writer): " + string.Join("; ", rates);
}

static async Task<Guid[]> CreateTenantsAsync(IServiceProvider services, int count)
{
    await using var scope = services.CreateAsyncScope();
    var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
    var tenants = Enumerable.Range(0, count).Select(i => new Tenant { Name = $"bench-{i}" }).ToList();
    db.Tenants.AddRange(tenants);
    await db.SaveChangesAsync();
    return tenants.Select(t => t.Id).ToArray();
}

static async Task<Guid[]> TenantIdsAsync(string connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand("SELECT \"Id\" FROM \"Tenants\" WHERE \"Name\" LIKE 'bench-%'", connection);
    await using var reader = await command.ExecuteReaderAsync();
    var ids = new List<Guid>();
    while (await reader.ReadAsync())
        ids.Add(reader.GetGuid(0));
    return ids.ToArray();
}

static async Task ExecuteAsync(string connectionString, string sql)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static string Uptime()
{
    try
    {
        return Process.Start(new ProcessStartInfo("uptime") { RedirectStandardOutput = true })!.StandardOutput.ReadToEnd().Trim();
    }
    catch (System.ComponentModel.Win32Exception)
    {
        return File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";
    }
}
