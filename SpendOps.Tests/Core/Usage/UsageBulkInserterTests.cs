using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Usage;

/// <summary>
/// The usage writer's SQLite path binds values through SQLite's own API. What it stores must be exactly what the
/// portable ADO.NET path (and so EF) stores, value and type, or queries comparing Guids, decimals or ticks would miss rows.
/// </summary>
public sealed class UsageBulkInserterTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    private static readonly string[] OwnColumns = ["Id", "RequestId"];

    [Fact]
    public async Task InsertAsync_FullRecord_StoresTheSameValuesAsTheCommandPath()
    {
        var tenant = await NewTenantAsync();
        var viaCommands = FullRecord(tenant, "cmd-full");
        var viaSqlite = FullRecord(tenant, "raw-full");

        await InsertBothAsync(viaCommands, viaSqlite);

        Assert.Equal(await StoredColumnsAsync(viaCommands.Id), await StoredColumnsAsync(viaSqlite.Id));
        Assert.Equal(await StoredDimensionsAsync(viaCommands.Id), await StoredDimensionsAsync(viaSqlite.Id));
        Assert.Equal(2, (await StoredDimensionsAsync(viaSqlite.Id)).Count);
    }

    [Fact]
    public async Task InsertAsync_RecordWithNulls_StoresTheSameValuesAsTheCommandPath()
    {
        var tenant = await NewTenantAsync();
        var viaCommands = SparseRecord(tenant, "cmd-sparse");
        var viaSqlite = SparseRecord(tenant, "raw-sparse");

        await InsertBothAsync(viaCommands, viaSqlite);

        var stored = await StoredColumnsAsync(viaSqlite.Id);
        Assert.Equal(await StoredColumnsAsync(viaCommands.Id), stored);
        Assert.Equal("null NULL", stored["CostUsd"]);
        Assert.Empty(await StoredDimensionsAsync(viaSqlite.Id));
    }

    [Fact]
    public async Task InsertAsync_ReadBackThroughEf_RoundTripsEveryValue()
    {
        var record = FullRecord(await NewTenantAsync(), "raw-roundtrip");
        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, [record], CancellationToken.None);

        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).SingleAsync(r => r.RequestId == "raw-roundtrip");
        Assert.Equal(record.TenantId, stored.TenantId);
        Assert.Equal(record.ConnectionId, stored.ConnectionId);
        Assert.Equal(record.Timestamp, stored.Timestamp);
        Assert.Equal(record.PricedAt, stored.PricedAt);
        Assert.Equal(0.0016400000m, stored.CostUsd);
        Assert.Equal(12.5m, stored.ProviderCostUsd);
        Assert.Equal(PricingStatus.Priced, stored.PricingStatus);
        Assert.Equal(UsageSource.Telemetry, stored.Source);
        Assert.Equal(123.456, stored.LatencyMs);
        Assert.Equal(9_000_000_000L, stored.Tokens.InputTokens);
        Assert.Equivalent(record.Tokens, stored.Tokens, strict: true);
        Assert.Equal(record.Dims, stored.Dims);
        Assert.Equal(["app=wrk", "team=Ünïcode ✓"], stored.DimensionRows.Select(d => $"{d.Name}={d.Value}").Order(StringComparer.Ordinal));
        // A query by tenant (Guid stored as text) finds it, as the portal's queries do.
        Assert.Equal(1, await read.UsageRecords.CountAsync(r => r.TenantId == record.TenantId && r.RequestId == "raw-roundtrip"));
    }

    [Fact]
    public async Task InsertAsync_DuplicateRequestId_IsADataErrorAndWritesNothingOfTheBatch()
    {
        var tenant = await NewTenantAsync();
        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, [SparseRecord(tenant, "dup-first")], CancellationToken.None);

        var exception = await Record.ExceptionAsync(async () =>
        {
            await using var db = fixture.CreateContext();
            await UsageBulkInserter.InsertAsync(db, [SparseRecord(tenant, "dup-new"), SparseRecord(tenant, "dup-first")], CancellationToken.None);
        });

        Assert.IsType<SqliteException>(exception);
        Assert.True(DatabaseErrors.IsDataError(exception), exception.Message);
        await using var read = fixture.CreateContext();
        Assert.False(await read.UsageRecords.AnyAsync(r => r.RequestId == "dup-new"));
    }

    [Fact]
    public async Task InsertAsync_BatchLargerThanOneStatement_GivesEachRecordItsOwnIdAndItsOwnDimensions()
    {
        // 37 records and 111 dimension rows: full multi-row statements and a remainder written one row at a time.
        var tenant = await NewTenantAsync();
        var records = Enumerable.Range(0, 37).Select(i =>
        {
            var record = SparseRecord(tenant, $"multi-{i:D2}");
            record.Dims = new() { ["team"] = $"t{i:D2}", ["app"] = $"a{i:D2}", ["env"] = $"e{i:D2}" };
            return record;
        }).ToArray();

        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, records, CancellationToken.None);

        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).Where(r => r.TenantId == tenant).ToListAsync();
        Assert.Equal(37, stored.Count);
        Assert.Equal(37, records.Select(r => r.Id).Distinct().Count());
        Assert.All(records, r => Assert.Equal(r.RequestId, stored.Single(s => s.Id == r.Id).RequestId));
        Assert.All(stored, r =>
        {
            var n = r.RequestId[^2..];
            Assert.Equal([$"app=a{n}", $"env=e{n}", $"team=t{n}"], r.DimensionRows.Select(d => $"{d.Name}={d.Value}").Order(StringComparer.Ordinal));
        });
    }

    /// <summary>Usage rows reference their tenant, so each test's records get a tenant that exists.</summary>
    private async Task<Guid> NewTenantAsync()
    {
        var tenant = new SpendOps.Core.Tenancy.Tenant { Name = "bulk-" + Guid.NewGuid().ToString("N") };
        await using var db = fixture.CreateContext();
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private async Task InsertBothAsync(UsageRecord viaCommands, UsageRecord viaSqlite)
    {
        await using (var db = fixture.CreateContext())
        {
            await db.Database.OpenConnectionAsync();
            await UsageBulkInserter.InsertWithCommandsAsync(db, [viaCommands], CancellationToken.None);
        }
        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, [viaSqlite], CancellationToken.None);
        Assert.NotEqual(0, viaCommands.Id);
        Assert.NotEqual(0, viaSqlite.Id);
        Assert.NotEqual(viaCommands.Id, viaSqlite.Id);
    }

    /// <summary>Each column as SQLite holds it: its storage class and its SQL literal.</summary>
    private async Task<Dictionary<string, string>> StoredColumnsAsync(long id)
    {
        await using var connection = new SqliteConnection(fixture.Database.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<string>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('UsageRecords')";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                columns.Add(reader.GetString(0));
        }
        var compared = columns.Except(OwnColumns).ToList();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {string.Join(", ", compared.Select(c => $"typeof(\"{c}\") || ' ' || quote(\"{c}\")"))} FROM UsageRecords WHERE Id = {id.ToString(CultureInfo.InvariantCulture)}";
        await using var row = await select.ExecuteReaderAsync();
        Assert.True(await row.ReadAsync());
        return compared.Select((name, i) => (name, row.GetString(i))).ToDictionary(c => c.name, c => c.Item2);
    }

    private async Task<List<string>> StoredDimensionsAsync(long id)
    {
        await using var db = fixture.CreateContext();
        return (await db.Set<UsageDimension>().Where(d => d.UsageRecordId == id).ToListAsync())
            .Select(d => $"{d.Name}={d.Value}").Order(StringComparer.Ordinal).ToList();
    }

    internal static UsageRecord FullRecord(Guid tenant, string requestId) => new()
    {
        RequestId = requestId,
        UpstreamRequestId = "req_011CUkTPd8xNnzHrQ2nSVh3b",
        Timestamp = new DateTimeOffset(2026, 11, 30, 23, 59, 59, 123, TimeSpan.FromHours(2)).AddTicks(4567),
        TenantId = tenant,
        ApiKeyId = "key123",
        ConnectionId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
        Source = UsageSource.Telemetry,
        Estimated = true,
        Provider = "anthropic",
        Endpoint = "messages",
        ModelRequested = "claude-sonnet-4-5",
        ModelReported = "claude-sonnet-4-5-20250929",
        Stream = true,
        StatusCode = 200,
        LatencyMs = 123.456,
        TimeToFirstByteMs = 0.25,
        RequestBytes = 1234,
        ResponseBytes = 98765,
        UsageComplete = true,
        Tokens = new TokenCounts
        {
            InputTokens = 9_000_000_000L,
            CacheReadTokens = 2,
            CacheWrite5mTokens = 3,
            CacheWrite1hTokens = 4,
            OutputTokens = 5,
            ReasoningTokens = 1,
            AudioInputTokens = 6,
            AudioOutputTokens = 7,
            ImageInputTokens = 8,
            ImageOutputTokens = 9,
            WebSearchRequests = 10,
        },
        SearchContextSize = "high",
        ServiceTier = "priority",
        ProviderCostUsd = 12.5m,
        CostUsd = 0.0016400000m,
        PricingStatus = PricingStatus.Priced,
        PriceId = 42,
        PricedAt = new DateTimeOffset(2026, 12, 1, 0, 0, 5, TimeSpan.Zero),
        Dims = new() { ["team"] = "Ünïcode ✓", ["app"] = "wrk" },
    };

    internal static UsageRecord SparseRecord(Guid tenant, string requestId) => new()
    {
        RequestId = requestId,
        Timestamp = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero),
        TenantId = tenant,
        Provider = "openai",
        Endpoint = "models",
        StatusCode = 499,
        Billable = false,
        PricingStatus = PricingStatus.NotBillable,
    };
}
