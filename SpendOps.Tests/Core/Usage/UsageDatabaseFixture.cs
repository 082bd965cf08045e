using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Usage;

/// <summary>A migrated database without a host, for query tests. Each test seeds its own tenant.</summary>
public abstract class UsageDatabaseFixture : IAsyncLifetime
{
    private TestDatabase? database;

    public TestDatabase Database => database ?? throw new InvalidOperationException("No database: " + UnavailableReason);

    protected virtual string? UnavailableReason => null;

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    public async Task InitializeAsync()
    {
        if (UnavailableReason is not null)
            return;
        database = await CreateDatabaseAsync();
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync()
    {
        if (database is not null)
            await database.DisposeAsync();
    }

    public SpendOpsDbContext CreateContext() => Database.Provider switch
    {
        "Postgres" => new PostgresSpendOpsDbContext(new DbContextOptionsBuilder<PostgresSpendOpsDbContext>().UseNpgsql(Database.ConnectionString).Options),
        "SqlServer" => new SqlServerSpendOpsDbContext(new DbContextOptionsBuilder<SqlServerSpendOpsDbContext>().UseSqlServer(Database.ConnectionString, SqlServerSpendOpsDbContext.Configure).Options),
        _ => new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite(Database.ConnectionString).Options),
    };

    /// <summary>Stores records with their dimension rows, as the usage writer does.</summary>
    public async Task AddAsync(params UsageRecord[] records)
    {
        await using var db = CreateContext();
        // Usage rows reference their tenant: seeds of a tenant no test created get one.
        var tenants = records.Select(r => r.TenantId).Distinct().ToList();
        var existing = await db.Tenants.Where(t => tenants.Contains(t.Id)).Select(t => t.Id).ToListAsync();
        foreach (var id in tenants.Except(existing))
            db.Tenants.Add(new SpendOps.Core.Tenancy.Tenant { Id = id, Name = "usage-" + id.ToString("N") });
        foreach (var record in records)
        {
            record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
            db.UsageRecords.Add(record);
        }
        await db.SaveChangesAsync();
    }
}
