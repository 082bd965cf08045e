using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Data;

/// <summary>
/// What can be checked of SQL Server without a server, so it runs everywhere: the model builds, its migrations match
/// it, and the script they make creates the tables with SQL Server's quoting. The database itself is tested by
/// <see cref="SqlServerTests"/> where <c>SPENDOPS_TEST_SQLSERVER</c> names a server.
/// </summary>
public sealed class SqlServerModelTests
{
    private const string NoServer = "Server=127.0.0.1,1;Database=spendops_model;User Id=none;Password=none;TrustServerCertificate=true";

    private static SqlServerSpendOpsDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerSpendOpsDbContext>().UseSqlServer(NoServer, SqlServerSpendOpsDbContext.Configure).Options);

    [Fact]
    public void Migrations_EveryDatabase_MatchTheModel()
    {
        using var sqlite = new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var postgres = new PostgresSpendOpsDbContext(new DbContextOptionsBuilder<PostgresSpendOpsDbContext>().UseNpgsql("Host=127.0.0.1;Port=1").Options);
        using var sqlServer = SqlServer();

        Assert.False(sqlite.Database.HasPendingModelChanges(), "SQLite: run dotnet ef migrations add (see SpendOpsDbContext)");
        Assert.False(postgres.Database.HasPendingModelChanges(), "PostgreSQL: run dotnet ef migrations add (see SpendOpsDbContext)");
        Assert.False(sqlServer.Database.HasPendingModelChanges(), "SQL Server: run dotnet ef migrations add (see SpendOpsDbContext)");
    }

    [Fact]
    public void IdempotentScript_CreatesTheTablesWithBracketQuoting()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("CREATE TABLE [UsageRecords]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [UsageDimensions]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("[Timestamp] datetimeoffset NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[TenantId] uniqueidentifier NOT NULL", script, StringComparison.Ordinal);
        Assert.Contains("[CostUsd] decimal(20,10) NULL", script, StringComparison.Ordinal);
        Assert.Contains("ON [UsageRecords] ([PricingStatus], [Id]) WHERE [PricingStatus] IN (0, 2)", script, StringComparison.Ordinal);
        Assert.Contains("UPDATE [UsageRecords] SET [CostSource]", script, StringComparison.Ordinal);
        Assert.DoesNotContain("\"PricingStatus\"", script, StringComparison.Ordinal);
    }

    [Fact]
    public void AwaitingPriceIndex_EachDatabase_QuotesItsFilterColumnItsOwnWay()
    {
        using var sqlite = new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite("Data Source=:memory:").Options);
        using var sqlServer = SqlServer();

        Assert.Equal("\"PricingStatus\" IN (0, 2)", Filter(sqlite));
        Assert.Equal("[PricingStatus] IN (0, 2)", Filter(sqlServer));

        static string? Filter(DbContext db) => db.Model.FindEntityType(typeof(UsageRecord))!.GetIndexes()
            .Single(i => i.Properties.Select(p => p.Name).SequenceEqual(["PricingStatus", "Id"])).GetFilter();
    }

    [Fact]
    public void InsertSql_OnSqlServer_ReturnsTheKeyThroughOutputInserted()
    {
        using var db = SqlServer();
        var columns = new InsertColumns(db.Model.FindEntityType(typeof(UsageRecord))!, db.GetService<ISqlGenerationHelper>(), returnsGeneratedKey: true);

        var sql = columns.InsertSql(i => "@p" + i, GeneratedKeyClause.OutputInserted);

        Assert.StartsWith("INSERT INTO [UsageRecords] ([", sql, StringComparison.Ordinal);
        Assert.Contains("[RequestId]", sql, StringComparison.Ordinal);
        Assert.Contains(") OUTPUT INSERTED.[Id] VALUES (@p0, ", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("RETURNING", sql, StringComparison.Ordinal);
    }

    [Fact]
    public void ContainsOverABatchOfIds_OnSqlServer_IsOneJsonParameter()
    {
        using var db = SqlServer();
        var ids = Enumerable.Range(0, 3000).Select(i => $"req-{i}").ToList();

        var sql = db.UsageRecords.Where(r => ids.Contains(r.RequestId)).Select(r => r.RequestId).ToQueryString();

        Assert.Contains("OPENJSON(@ids)", sql, StringComparison.Ordinal);
        Assert.DoesNotContain("@ids1", sql, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2627, true)]   // unique constraint
    [InlineData(2601, true)]   // unique index
    [InlineData(2628, true)]   // string too long
    [InlineData(547, true)]    // foreign key
    [InlineData(515, true)]    // NULL into NOT NULL
    [InlineData(1205, false)]  // deadlock victim: try again
    [InlineData(-2, false)]    // timeout
    [InlineData(40613, false)] // database unavailable
    [InlineData(4060, false)]  // cannot open database
    public void IsSqlServerDataError_ErrorNumber_TellsDataFromUnavailable(int number, bool dataError) =>
        Assert.Equal(dataError, DatabaseErrors.IsSqlServerDataError(number));

    [Fact]
    public void OptionsValidation_SqlServerWithoutConnectionString_NamesTheSettingToFix()
    {
        var configuration = new ConfigurationBuilder().Build();

        var result = new DatabaseOptionsValidator(configuration).Validate(null, new DatabaseOptions { Provider = DatabaseProvider.SqlServer });

        Assert.True(result.Failed);
        Assert.Contains("ConnectionStrings:SpendOps", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("SqlServer", result.FailureMessage, StringComparison.Ordinal);
    }
}
