using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

/// <summary>
/// The usage writer's ADO.NET path on SQL Server: keys come back through <c>OUTPUT INSERTED</c>, a refused row is a data
/// error that writes nothing of its batch, and text is never cut to fit its column (SqlClient would do that silently).
/// </summary>
[Trait("Database", "SqlServer")]
public sealed class SqlServerUsageBulkInserterTests(SqlServerUsageDatabaseFixture fixture) : IClassFixture<SqlServerUsageDatabaseFixture>
{
    [RequiresSqlServerFact]
    public async Task InsertAsync_ReadBackThroughEf_RoundTripsEveryValue()
    {
        var record = UsageBulkInserterTests.FullRecord(Guid.NewGuid(), "mssql-roundtrip");
        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, [record], CancellationToken.None);

        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().Include(r => r.DimensionRows).SingleAsync(r => r.RequestId == "mssql-roundtrip");
        Assert.Equal(record.Id, stored.Id);
        Assert.Equal(record.TenantId, stored.TenantId);
        Assert.Equal(record.ConnectionId, stored.ConnectionId);
        Assert.Equal(record.Timestamp, stored.Timestamp);
        Assert.Equal(record.PricedAt, stored.PricedAt);
        Assert.Equal(0.0016400000m, stored.CostUsd);
        Assert.Equal(12.5m, stored.ProviderCostUsd);
        Assert.Equal(PricingStatus.Priced, stored.PricingStatus);
        Assert.Equal(UsageSource.Telemetry, stored.Source);
        Assert.Equal(123.456, stored.LatencyMs);
        Assert.Equivalent(record.Tokens, stored.Tokens, strict: true);
        Assert.Equal(record.Dims, stored.Dims);
        Assert.Equal(["app=wrk", "team=Ünïcode ✓"], stored.DimensionRows.Select(d => $"{d.Name}={d.Value}").Order(StringComparer.Ordinal));
    }

    [RequiresSqlServerFact]
    public async Task InsertAsync_Batch_GivesEachRecordItsOwnKey()
    {
        var tenant = Guid.NewGuid();
        var records = Enumerable.Range(0, 5).Select(i => UsageBulkInserterTests.SparseRecord(tenant, $"mssql-batch-{i}")).ToList();

        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, records, CancellationToken.None);

        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.Where(r => r.TenantId == tenant).ToDictionaryAsync(r => r.RequestId, r => r.Id);
        Assert.Equal(records.ToDictionary(r => r.RequestId, r => r.Id), stored);
    }

    [RequiresSqlServerFact]
    public async Task InsertAsync_DimsLongerThan4000Characters_AreStoredWhole()
    {
        var record = UsageBulkInserterTests.SparseRecord(Guid.NewGuid(), "mssql-long-dims");
        record.Dims = Enumerable.Range(0, 30).ToDictionary(i => $"d{i:00}", i => new string((char)('a' + i % 26), 250));

        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, [record], CancellationToken.None);

        await using var read = fixture.CreateContext();
        var stored = await read.UsageRecords.AsNoTracking().SingleAsync(r => r.RequestId == "mssql-long-dims");
        Assert.Equal(record.Dims, stored.Dims);
        Assert.Equal(30, await read.UsageDimensions.CountAsync(d => d.UsageRecordId == record.Id));
    }

    [RequiresSqlServerFact]
    public async Task InsertAsync_DuplicateRequestId_IsADataErrorAndWritesNothingOfTheBatch()
    {
        var tenant = Guid.NewGuid();
        await using (var db = fixture.CreateContext())
            await UsageBulkInserter.InsertAsync(db, [UsageBulkInserterTests.SparseRecord(tenant, "mssql-dup-first")], CancellationToken.None);

        var exception = await Record.ExceptionAsync(async () =>
        {
            await using var db = fixture.CreateContext();
            await UsageBulkInserter.InsertAsync(db, [UsageBulkInserterTests.SparseRecord(tenant, "mssql-dup-new"), UsageBulkInserterTests.SparseRecord(tenant, "mssql-dup-first")], CancellationToken.None);
        });

        Assert.Contains(Assert.IsType<SqlException>(exception).Number, new[] { 2601, 2627 });
        Assert.True(DatabaseErrors.IsDataError(exception), exception.Message);
        await using var read = fixture.CreateContext();
        Assert.False(await read.UsageRecords.AnyAsync(r => r.RequestId == "mssql-dup-new"));
    }

    [RequiresSqlServerFact]
    public async Task InsertAsync_ValueLongerThanItsColumn_IsADataErrorNotCut()
    {
        var record = UsageBulkInserterTests.SparseRecord(Guid.NewGuid(), "mssql-too-long");
        record.ApiKeyId = new string('k', 100);

        var exception = await Record.ExceptionAsync(async () =>
        {
            await using var db = fixture.CreateContext();
            await UsageBulkInserter.InsertAsync(db, [record], CancellationToken.None);
        });

        Assert.IsType<SqlException>(exception);
        Assert.True(DatabaseErrors.IsDataError(exception), exception.Message);
        await using var read = fixture.CreateContext();
        Assert.False(await read.UsageRecords.AnyAsync(r => r.RequestId == "mssql-too-long"));
    }
}
