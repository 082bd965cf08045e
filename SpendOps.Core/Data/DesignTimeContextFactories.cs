using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SpendOps.Core.Data;

/// <summary>Lets <c>dotnet ef</c> build each engine's context without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSpendOpsDbContext>
{
    public SqliteSpendOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSpendOpsDbContext>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresSpendOpsDbContext>
{
    public PostgresSpendOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresSpendOpsDbContext>().UseNpgsql("Host=localhost;Database=spendops_design").Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerSpendOpsDbContext>
{
    public SqlServerSpendOpsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerSpendOpsDbContext>().UseSqlServer("Server=localhost;Database=spendops_design;Integrated Security=true;TrustServerCertificate=true", SqlServerSpendOpsDbContext.Configure).Options);
}
