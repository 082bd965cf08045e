using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>
/// What an operator reads while the usage queue overflows or the database is down: a summary instead of a line per
/// record, retries that spread out, and one line when the database is back. Every record still reaches the database.
/// </summary>
public sealed partial class UsageWriterReportingTests : IAsyncLifetime
{
    private readonly CapturedLog log = new();
    private TestDatabase database = null!;

    public Task InitializeAsync()
    {
        database = TestDatabase.Sqlite();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task Enqueue_ManyRecordsFindTheQueueFull_LogsOneSummaryLineNotOnePerRecord()
    {
        // A byte bound smaller than one record: every record finds the queue full and spills.
        await using var app = Start(database, ("Usage:QueueMaxBytes", "1"));
        var tenant = await DefaultTenantAsync(app);
        var sink = app.Services.GetRequiredService<UsageSink>();

        var ids = Enumerable.Range(0, 50).Select(i => $"overflow-{i:D2}").ToList();
        foreach (var id in ids)
            sink.Enqueue(Record(id, tenant));
        await WaitForStoredAsync(app, ids);

        var spillLines = log.Warnings.Where(l => l.Contains("usage records spilled", StringComparison.Ordinal)).ToList();
        var line = Assert.Single(spillLines);
        Assert.Equal($"1 usage records spilled to {app.Services.GetRequiredService<UsageSpillFile>().Directory} in the last minute; queue full (or closed at shutdown)", line);
        Assert.Equal(50, app.Services.GetRequiredService<UsageMetrics>().Spilled);
        Assert.DoesNotContain(log.Warnings, l => l.Contains("overflow-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DatabaseLockedForWrites_RetriesWithGrowingPausesThenLogsOneLineWhenItIsBack()
    {
        // SQLite waits "Default Timeout" seconds for a lock; a write lock held by another connection is the outage.
        await using var app = Start(database.WithConnectionSuffix(";Default Timeout=1"),
            ("Usage:RetryFirstSeconds", "0.2"), ("Usage:RetryMaxSeconds", "30"));
        var tenant = await DefaultTenantAsync(app);
        var sink = app.Services.GetRequiredService<UsageSink>();
        var ids = new List<string>();

        await using (var outage = new SqliteConnection(database.ConnectionString))
        {
            await outage.OpenAsync();
            await ExecuteAsync(outage, "BEGIN EXCLUSIVE");
            for (var i = 0; i < 5; i++)
            {
                ids.Add($"outage-{i}");
                sink.Enqueue(Record(ids[^1], tenant));
            }
            await WaitUntilAsync(() => RetryWaits().Count >= 4, "fewer than four failed attempts were logged");

            Assert.Equal([0.2, 0.4, 0.8, 1.6], RetryWaits().Take(4));
            Assert.DoesNotContain(log.Warnings, l => l.Contains("reachable again", StringComparison.Ordinal));
            await ExecuteAsync(outage, "COMMIT");
        }

        await WaitForStoredAsync(app, ids);
        await WaitUntilAsync(() => log.Warnings.Any(l => l.Contains("reachable again", StringComparison.Ordinal)), "no line said the database was back");
        var back = Assert.Single(log.Warnings, l => l.Contains("reachable again", StringComparison.Ordinal));
        var failures = RetryWaits().Count;
        Assert.StartsWith($"The database is reachable again after {failures} failed attempts over ", back);
    }

    /// <summary>The wait each failed attempt announced, in order.</summary>
    private List<double> RetryWaits() => log.Warnings
        .Select(l => RetryWait().Match(l))
        .Where(m => m.Success)
        .Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
        .ToList();

    [GeneratedRegex(@"^Writing usage records failed: the database is unavailable .* tried again in ([0-9.]+) s$")]
    private static partial Regex RetryWait();

    private SpendOpsAppFactory Start(TestDatabase db, params (string Key, string Value)[] settings)
    {
        var app = new SpendOpsAppFactory(db, "http://127.0.0.1:9");
        foreach (var (name, value) in settings)
            app.Settings[name] = value;
        app.TestServices = services => services.AddSingleton<ILoggerProvider>(log);
        return app.Start();
    }

    private static async Task<Guid> DefaultTenantAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None);
        return tenant!.Id;
    }

    private static UsageRecord Record(string requestId, Guid tenant) => new()
    {
        RequestId = requestId,
        Timestamp = DateTimeOffset.UtcNow,
        TenantId = tenant,
        Provider = "openai",
        Endpoint = "chat/completions",
        ModelRequested = "gpt-4.1",
        StatusCode = 200,
        UsageComplete = true,
        Tokens = new TokenCounts { InputTokens = 10, OutputTokens = 5 },
        Dims = new() { ["team"] = "backend" },
    };

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task WaitForStoredAsync(SpendOpsAppFactory app, IReadOnlyCollection<string> ids)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
            var stored = await db.UsageRecords.CountAsync(r => ids.Contains(r.RequestId));
            if (stored == ids.Count)
                return;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"{ids.Count - stored} of {ids.Count} records were not stored");
            await Task.Delay(50);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail(failure);
            await Task.Delay(50);
        }
    }
}
