using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

/// <summary>
/// The usage writer's PostgreSQL path: binary COPY with ids reserved from the sequence. A RequestId stored before (a
/// replay) or twice in one batch is stored once, without failing the rest of the batch, and only the stored records
/// get dimension rows and are reported as written.
/// </summary>
public sealed class PostgresUsageBulkInserterTests(PostgresUsageDatabaseFixture fixture) : IClassFixture<PostgresUsageDatabaseFixture>
{
    [RequiresPostgresFact]
    public async Task InsertAsync_ReadBackThroughEf_RoundTripsEveryValue()
    {
        var record = UsageBulkInserterTests.FullRecord(await NewTenantAsync(), "pg-roundtrip");

        var written = await InsertAsync(record);

        Assert.Equal([record], written);
        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).SingleAsync(r => r.RequestId == "pg-roundtrip");
        Assert.Equal(record.Id, stored.Id);
        Assert.Equal("req_011CUkTPd8xNnzHrQ2nSVh3b", stored.UpstreamRequestId);
        Assert.Equal(record.TenantId, stored.TenantId);
        Assert.Equal(record.ConnectionId, stored.ConnectionId);
        Assert.Equal("key123", stored.ApiKeyId);
        // The instant survives; PostgreSQL hands it back in UTC (23:59:59.1234567 at +02:00 is 21:59:59.1234567Z; it keeps microseconds).
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 21, 59, 59, 123, TimeSpan.Zero).AddTicks(4560), stored.Timestamp);
        Assert.Equal(record.PricedAt, stored.PricedAt);
        Assert.Equal(0.0016400000m, stored.CostUsd);
        Assert.Equal(12.5m, stored.ProviderCostUsd);
        Assert.Equal(PricingStatus.Priced, stored.PricingStatus);
        Assert.Equal(UsageSource.Telemetry, stored.Source);
        Assert.True(stored.Estimated);
        Assert.Equal(("anthropic", "messages", "claude-sonnet-4-5", "claude-sonnet-4-5-20250929"), (stored.Provider, stored.Endpoint, stored.ModelRequested, stored.ModelReported));
        Assert.Equal((true, 200, 123.456, 0.25, 1234L, 98765L), (stored.Stream, stored.StatusCode, stored.LatencyMs, stored.TimeToFirstByteMs, stored.RequestBytes, stored.ResponseBytes));
        Assert.Equal(("high", "priority", 42L), (stored.SearchContextSize, stored.ServiceTier, stored.PriceId));
        Assert.Equivalent(record.Tokens, stored.Tokens, strict: true);
        Assert.Equal(record.Dims, stored.Dims);
        Assert.Equal(["app=wrk", "team=Ünïcode ✓"], stored.DimensionRows.Select(d => $"{d.Name}={d.Value}").Order(StringComparer.Ordinal));
    }

    [RequiresPostgresFact]
    public async Task InsertAsync_RecordWithNulls_StoresNulls()
    {
        var record = UsageBulkInserterTests.SparseRecord(await NewTenantAsync(), "pg-sparse");

        await InsertAsync(record);

        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).SingleAsync(r => r.RequestId == "pg-sparse");
        Assert.Null(stored.UpstreamRequestId);
        Assert.Null(stored.ApiKeyId);
        Assert.Null(stored.ModelRequested);
        Assert.Null(stored.TimeToFirstByteMs);
        Assert.Null(stored.CostUsd);
        Assert.Null(stored.CostSource);
        Assert.Null(stored.PriceId);
        Assert.Null(stored.PricedAt);
        Assert.Equal((PricingStatus.NotBillable, false, 499), (stored.PricingStatus, stored.Billable, stored.StatusCode));
        Assert.Empty(stored.DimensionRows);
    }

    [RequiresPostgresFact]
    public async Task InsertAsync_SameRequestIdTwiceInOneBatch_StoresTheFirstOnceAndTheRestOfTheBatch()
    {
        var tenant = await NewTenantAsync();
        var first = Call(tenant, "pg-dup-in-batch", statusCode: 200, team: "first");
        var other = Call(tenant, "pg-dup-other", statusCode: 201, team: "other");
        var again = Call(tenant, "pg-dup-in-batch", statusCode: 500, team: "again");

        var written = await InsertAsync(first, other, again);

        Assert.Equal([first, other], written);
        Assert.Equal(0, again.Id);
        Assert.Equal(["pg-dup-in-batch 200 team=first", "pg-dup-other 201 team=other"], await StoredAsync(tenant));
    }

    [RequiresPostgresFact]
    public async Task InsertAsync_RequestIdStoredByAnEarlierBatch_IsSkippedAndTheRestOfTheBatchStored()
    {
        var tenant = await NewTenantAsync();
        var original = Call(tenant, "pg-replayed", statusCode: 200, team: "original");
        await InsertAsync(original);
        var replay = Call(tenant, "pg-replayed", statusCode: 200, team: "replay");
        var fresh = Call(tenant, "pg-after-replay", statusCode: 202, team: "fresh");

        var written = await InsertAsync(replay, fresh);

        Assert.Equal([fresh], written);
        Assert.Equal(0, replay.Id);
        Assert.Equal(["pg-after-replay 202 team=fresh", "pg-replayed 200 team=original"], await StoredAsync(tenant));
    }

    [RequiresPostgresFact]
    public async Task InsertAsync_LargeBatch_GivesEachRecordItsOwnIdAndItsOwnDimensions()
    {
        var tenant = await NewTenantAsync();
        var records = Enumerable.Range(0, 250).Select(i => Call(tenant, $"pg-large-{i:D3}", 200 + i % 7, $"t{i:D3}")).ToArray();

        var written = await InsertAsync(records);

        Assert.Equal(250, written.Count);
        Assert.Equal(250, records.Select(r => r.Id).Distinct().Count());
        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).Where(r => r.TenantId == tenant).ToListAsync();
        Assert.Equal(250, stored.Count);
        Assert.All(stored, r => Assert.Equal([$"team=t{r.RequestId[^3..]}"], r.DimensionRows.Select(d => $"{d.Name}={d.Value}")));
        Assert.All(records, r => Assert.Equal(r.RequestId, stored.Single(s => s.Id == r.Id).RequestId));
    }

    [RequiresPostgresFact]
    public async Task InsertAsync_Costs_StoredAsTheExactDecimalsGiven()
    {
        // PostgreSQL's numeric groups digits by four on each side of the point: values across those group edges, with
        // zeros inside, at the ends and nowhere else, both signs, and the column's full 10 + 10 digits.
        string[] costs =
        [
            "0", "0.00", "1", "-1", "0.5", "-0.5", "12.5", "9999", "10000", "10001", "9999.9999", "10000.0001",
            "0.0001", "0.00001", "0.0000000001", "100000000.5", "1234567890.0123456789", "-1234567890.0123456789",
            "9999999999.9999999999", "0.1000", "20.0000000100", "305.0700",
        ];
        var tenant = await NewTenantAsync();
        var records = costs.Select((cost, i) =>
        {
            var record = Call(tenant, $"pg-cost-{i:D2}", 200, "t");
            record.CostUsd = decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture);
            return record;
        }).ToArray();

        await InsertAsync(records);

        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Where(r => r.TenantId == tenant).ToDictionaryAsync(r => r.RequestId, r => r.CostUsd);
        Assert.All(records, r => Assert.Equal(r.CostUsd, stored[r.RequestId]));
        // As text, PostgreSQL's own rendering: the value and every digit of the column's scale.
        await using var connection = new Npgsql.NpgsqlConnection(read.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("""SELECT "CostUsd"::text FROM "UsageRecords" WHERE "RequestId" = 'pg-cost-16'""", connection);
        Assert.Equal("1234567890.0123456789", await command.ExecuteScalarAsync());
    }

    [RequiresPostgresFact]
    public async Task InsertAsync_ARowPostgreSqlRefuses_IsADataErrorStoresNothing_AndTheNextBatchIsStored()
    {
        var tenant = await NewTenantAsync();
        var tooLarge = Call(tenant, "pg-refused", 200, "a");
        tooLarge.CostUsd = 100_000_000_000m; // numeric(20,10) holds ten digits before the point
        await using var db = fixture.CreateContext();

        var refused = await Record.ExceptionAsync(() => UsageBulkInserter.InsertAsync(db, [Call(tenant, "pg-before", 200, "b"), tooLarge], CancellationToken.None));
        var written = await UsageBulkInserter.InsertAsync(db, [Call(tenant, "pg-after", 200, "c")], CancellationToken.None);

        Assert.NotNull(refused);
        Assert.True(DatabaseErrors.IsDataError(refused), refused.Message);
        Assert.Single(written);
        Assert.Equal(["pg-after 200 team=c"], await StoredAsync(tenant));
    }

    [RequiresPostgresFact]
    public async Task CopyAbandonedPartWay_StoresNothing_AndTheConnectionWorksOn()
    {
        var tenant = await NewTenantAsync();
        await using var db = fixture.CreateContext();
        var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        var hour = new DateTimeOffset(2026, 1, 2, 3, 0, 0, TimeSpan.Zero);

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var copy = await PostgresCopyWriter.BeginAsync(connection, UsageColumns.MarkTable, UsageColumns.Mark, CancellationToken.None);
            // Enough rows that some were sent already: the copy must be cancelled, not ended short.
            for (var i = 0; i < 3000; i++)
            {
                await copy.StartRowAsync(CancellationToken.None);
                UsageColumns.WriteMark(new RollupDirtyHour { TenantId = tenant, Hour = hour.AddHours(i), HourEnd = hour.AddHours(i + 1) }, copy);
            }
            throw new InvalidOperationException("the batch was abandoned before its copy completed");
        });

        Assert.Equal(0, await db.RollupDirtyHours.CountAsync(m => m.TenantId == tenant));
    }

    [RequiresPostgresFact]
    public async Task UsageRowsAndTheirDimensions_HaveNoForeignKeyToCheckPerCopiedRow()
    {
        await using var read = fixture.CreateContext();
        await using var connection = new Npgsql.NpgsqlConnection(read.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            """
            SELECT count(*) FROM information_schema.table_constraints
            WHERE constraint_type = 'FOREIGN KEY' AND table_name IN ('UsageRecords', 'UsageDimensions')
            """, connection);

        // The writer checks tenants itself and retention deletes dimension rows with their records.
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    private async Task<IReadOnlyList<UsageRecord>> InsertAsync(params UsageRecord[] records)
    {
        await using var db = fixture.CreateContext();
        return await UsageBulkInserter.InsertAsync(db, records, CancellationToken.None);
    }

    private async Task<List<string>> StoredAsync(Guid tenant)
    {
        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).Where(r => r.TenantId == tenant).ToListAsync();
        return stored.Select(r => $"{r.RequestId} {r.StatusCode} {string.Join(",", r.DimensionRows.Select(d => $"{d.Name}={d.Value}"))}")
            .Order(StringComparer.Ordinal).ToList();
    }

    private async Task<Guid> NewTenantAsync()
    {
        var tenant = new Tenant { Name = "pg-bulk-" + Guid.NewGuid().ToString("N") };
        await using var db = fixture.CreateContext();
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync();
        return tenant.Id;
    }

    private static UsageRecord Call(Guid tenant, string requestId, int statusCode, string team)
    {
        var record = UsageBulkInserterTests.SparseRecord(tenant, requestId);
        record.StatusCode = statusCode;
        record.Dims = new() { ["team"] = team };
        return record;
    }
}
