using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Usage;

/// <summary>
/// A spill folder outlives the database it was written for (a new deployment pointed at another database, the default
/// folder relative to the working directory): its files are replayed only into their own database, and only records of
/// tenants that exist there. Run on SQLite and PostgreSQL.
/// </summary>
public abstract class SpillIdentityScenarios : IAsyncLifetime
{
    private const string NoUpstream = "http://127.0.0.1:9";
    private TestDatabase first = null!;
    private TestDatabase second = null!;
    private string spill = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        first = await CreateDatabaseAsync();
        second = await CreateDatabaseAsync();
        spill = TestEnvironment.TempDirectory("spill-identity");
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
    }

    protected async Task SpillFileOfAnotherDatabase_IsMovedAsideThenReplayedIntoItsOwnAsync()
    {
        string file;
        Guid tenant;
        await using (var app = Start(first, new CapturedLog()))
        {
            tenant = await DefaultTenantAsync(app);
            file = WriteSpillFile(app, Record("a-1", tenant, 100), Record("a-2", tenant, 200), Record("a-3", Guid.NewGuid(), 300));
        }
        var written = await File.ReadAllBytesAsync(file);
        File.Move(file, Path.Combine(spill, Path.GetFileName(file)));

        var otherLog = new CapturedLog();
        await using (var other = Start(second, otherLog))
        {
            var foreign = Path.Combine(spill, "foreign", Path.GetFileName(file));
            await WaitUntilAsync(() => File.Exists(foreign), "the file of the first database was never moved aside");

            Assert.Equal(written, await File.ReadAllBytesAsync(foreign));
            Assert.Empty(await StoredAsync(other));
            Assert.Empty(Directory.EnumerateFiles(spill, "*.jsonl"));
            var warning = Assert.Single(otherLog.Warnings, w => w.Contains(Path.GetFileName(file), StringComparison.Ordinal));
            Assert.Contains("belongs to another database", warning, StringComparison.Ordinal);
            Assert.Contains("not replayed, moved to " + foreign, warning, StringComparison.Ordinal);
            File.Move(foreign, Path.Combine(spill, Path.GetFileName(file)));
        }

        // As the warning says: moved into the spill folder of an instance using its database, it is replayed there.
        var ownLog = new CapturedLog();
        await using var own = Start(first, ownLog);
        await WaitUntilAsync(() => Replayed(Path.GetFileName(file)), "the file was never replayed");

        var stored = await StoredAsync(own);
        Assert.Equal(["a-1:100", "a-2:200"], stored.Select(r => $"{r.RequestId}:{r.Tokens.InputTokens}").Order());
        Assert.All(stored, r => Assert.Equal(tenant, r.TenantId));
        var rejected = Assert.Single(RejectedLines());
        Assert.Equal("tenant does not exist in this database", rejected["reason"]!.GetValue<string>());
        Assert.Equal("a-3", rejected["record"]!["requestId"]!.GetValue<string>());
        Assert.Contains(ownLog.Warnings, w => w.Contains("1 of its records belong to tenants that do not exist in this database", StringComparison.Ordinal));
    }

    protected async Task SpillFileWithoutIdentity_ReplaysOnlyRecordsOfTenantsThatExistAsync()
    {
        Guid tenant;
        await using (var app = Start(second, new CapturedLog()))
            tenant = await DefaultTenantAsync(app);
        // The shape spill files had before they named their database: records only, no header line.
        await File.WriteAllTextAsync(Path.Combine(spill, "spill-1-old.jsonl"), string.Concat(
            LegacyLine("old-1", tenant, 7),
            LegacyLine("old-2", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), 9)));

        await using var again = Start(second, new CapturedLog());
        await WaitUntilAsync(() => Replayed("spill-1-old.jsonl"), "the old file was never replayed");

        var stored = Assert.Single(await StoredAsync(again));
        Assert.Equal(("old-1", tenant, 7L), (stored.RequestId, stored.TenantId, stored.Tokens.InputTokens));
        var rejected = Assert.Single(RejectedLines());
        Assert.Equal("old-2", rejected["record"]!["requestId"]!.GetValue<string>());
    }

    private SpendOpsAppFactory Start(TestDatabase database, CapturedLog log)
    {
        var app = new SpendOpsAppFactory(database, NoUpstream);
        app.Settings["Usage:SpillDirectory"] = spill;
        app.TestServices = services => services.AddSingleton<ILoggerProvider>(log);
        return app.Start();
    }

    /// <summary>Spills records as the app would, but into a folder of its own, so its writer cannot replay them yet.</summary>
    private static string WriteSpillFile(SpendOpsAppFactory app, params UsageRecord[] records)
    {
        var staging = TestEnvironment.TempDirectory("spill-staging");
        var file = new UsageSpillFile(
            Options.Create(new UsageOptions { SpillDirectory = staging }),
            app.Services.GetRequiredService<SpendOps.Core.Data.DataFolder>(),
            app.Services.GetRequiredService<IDbContextFactory<SpendOpsDbContext>>(),
            TimeProvider.System,
            NullLogger<UsageSpillFile>.Instance);
        Assert.True(file.Append(records));
        return Assert.Single(Directory.GetFiles(staging));
    }

    private static UsageRecord Record(string requestId, Guid tenant, long inputTokens) => new()
    {
        RequestId = requestId,
        Timestamp = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero),
        TenantId = tenant,
        Provider = "openai",
        Endpoint = "chat.completions",
        ModelRequested = "gpt-4.1",
        UsageComplete = true,
        Tokens = new TokenCounts { InputTokens = inputTokens },
    };

    private static string LegacyLine(string requestId, Guid tenant, long inputTokens) =>
        $$"""{"id":0,"requestId":"{{requestId}}","timestamp":"2026-11-30T12:00:00+00:00","tenantId":"{{tenant}}","provider":"openai","endpoint":"chat.completions","usageComplete":true,"inputTokens":{{inputTokens}}}""" + "\n";

    /// <summary>Claimed (renamed <c>replay-</c>), written and deleted.</summary>
    private bool Replayed(string name) =>
        !File.Exists(Path.Combine(spill, name)) && !File.Exists(Path.Combine(spill, "replay-" + name["spill-".Length..]));

    private IEnumerable<JsonNode> RejectedLines() =>
        Directory.EnumerateFiles(spill, "rejected-*.jsonl").SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(l => JsonNode.Parse(l)!);

    private static async Task<Guid> DefaultTenantAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None))!.Id;
    }

    private static async Task<List<UsageRecord>> StoredAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>().UsageRecords.AsNoTracking().ToListAsync();
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string failure)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                Assert.Fail(failure);
            await Task.Delay(50);
        }
    }
}
