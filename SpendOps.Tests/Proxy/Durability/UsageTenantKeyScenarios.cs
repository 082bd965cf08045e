using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>
/// A usage row names a tenant the database has: the writer sets a record of any other tenant aside instead of holding
/// back the rest of its batch. SQLite also refuses such a row itself (a foreign key); PostgreSQL has no such constraint
/// on usage rows, which would cost its bulk copy a lookup per row, so there the writer's check is the only one.
/// Run on SQLite and PostgreSQL.
/// </summary>
public abstract class UsageTenantKeyScenarios : IAsyncLifetime
{
    private const string NoUpstream = "http://127.0.0.1:9";
    private TestDatabase database = null!;
    private SpendOpsAppFactory app = null!;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        database = await CreateDatabaseAsync();
        app = new SpendOpsAppFactory(database, NoUpstream).Start();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        await database.DisposeAsync();
    }

    protected async Task UsageRowOfATenantThatDoesNotExist_IsRefusedByTheDatabaseAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => UsageBulkInserter.InsertAsync(db, [Record("nobody-1", Guid.NewGuid())], CancellationToken.None));

        Assert.True(DatabaseErrors.IsDataError(refused), refused.GetBaseException().Message);
        Assert.Equal(0, await db.UsageRecords.CountAsync(r => r.RequestId == "nobody-1"));
    }

    protected async Task QueuedRecordOfATenantThatDoesNotExist_IsSetAsideAndTheOthersStoredAsync()
    {
        Guid tenant;
        await using (var scope = app.Services.CreateAsyncScope())
            tenant = (await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None))!.Id;
        var sink = app.Services.GetRequiredService<UsageSink>();

        sink.Enqueue(Record("known-1", tenant));
        sink.Enqueue(Record("nobody-2", Guid.NewGuid()));
        sink.Enqueue(Record("known-2", tenant));

        var rejected = "";
        List<string> stored = [];
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((!rejected.Contains("nobody-2", StringComparison.Ordinal) || stored.Count < 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            rejected = string.Concat(Directory.GetFiles(app.SpillDirectory, "rejected-*.jsonl").Select(File.ReadAllText));
            await using var check = app.Services.CreateAsyncScope();
            stored = await check.ServiceProvider.GetRequiredService<SpendOpsDbContext>().UsageRecords.Select(r => r.RequestId).OrderBy(id => id).ToListAsync();
        }
        Assert.Contains("nobody-2", rejected, StringComparison.Ordinal);
        Assert.Equal(["known-1", "known-2"], stored);
    }

    private static UsageRecord Record(string requestId, Guid tenantId) => new()
    {
        RequestId = requestId, TenantId = tenantId, Timestamp = DateTimeOffset.UtcNow, Provider = "openai", Endpoint = "chat.completions",
        StatusCode = 200, UsageComplete = true,
    };
}
