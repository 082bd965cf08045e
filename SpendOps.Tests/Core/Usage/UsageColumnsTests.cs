using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Usage;

/// <summary>The bulk writers' hand-written column lists are exactly the model's columns, on every database.</summary>
public sealed class UsageColumnsTests
{
    public static TheoryData<string> Providers => ["Sqlite", "Postgres", "SqlServer"];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Record_AndDimension_MatchTheModelsColumns(string provider)
    {
        using var db = Context(provider);

        Assert.Equal(UsageColumns.ModelColumns(db.Model.FindEntityType(typeof(UsageRecord))!).Order(), UsageColumns.Record.Order());
        Assert.Equal(UsageColumns.ModelColumns(db.Model.FindEntityType(typeof(UsageDimension))!).Order(), UsageColumns.Dimension.Order());
        UsageColumns.Verify(db.Model);
    }

    private static SpendOpsDbContext Context(string provider) => provider switch
    {
        "Postgres" => new PostgresSpendOpsDbContext(new DbContextOptionsBuilder<PostgresSpendOpsDbContext>().UseNpgsql("Host=unused").Options),
        "SqlServer" => new SqlServerSpendOpsDbContext(new DbContextOptionsBuilder<SqlServerSpendOpsDbContext>().UseSqlServer("Server=unused", SqlServerSpendOpsDbContext.Configure).Options),
        _ => new SqliteSpendOpsDbContext(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite("Data Source=:memory:").Options),
    };
}
