using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using SpendOps.Core.Data;

namespace SpendOps.Tests.Core.Data;

/// <summary>The PostgreSQL connection string the product connects with: the operator's, with JIT off unless they chose.</summary>
public sealed class PostgresConnectionStringTests
{
    [Theory]
    [InlineData("Host=db;Database=spendops", "-c jit=off")]
    [InlineData("Host=db;Database=spendops;Options=-c statement_timeout=60000", "-c statement_timeout=60000 -c jit=off")]
    [InlineData("Host=db;Database=spendops;Options=-c jit=on", "-c jit=on")]
    public void Options_TurnJitOffUnlessTheOperatorSetIt(string configured, string expectedOptions)
    {
        var actual = new NpgsqlConnectionStringBuilder(DatabaseServiceCollectionExtensions.PostgresConnectionString(Services(configured)));
        Assert.Equal(expectedOptions, actual.Options);
        Assert.Equal(("db", "spendops"), (actual.Host, actual.Database));
    }

    [Fact]
    public void DisablePostgresJitFalse_LeavesTheStringAsConfigured() =>
        Assert.Equal("Host=db;Database=spendops", DatabaseServiceCollectionExtensions.PostgresConnectionString(Services("Host=db;Database=spendops", disableJit: false)));

    [Fact]
    public void Unparsable_IsPassedOnForNpgsqlToReport() =>
        Assert.Equal("Host=db;Nonsense=1", DatabaseServiceCollectionExtensions.PostgresConnectionString(Services("Host=db;Nonsense=1")));

    private static ServiceProvider Services(string connectionString, bool disableJit = true)
    {
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:SpendOps"] = connectionString }).Build());
        services.AddOptions<DatabaseOptions>().Configure(o => o.DisablePostgresJit = disableJit);
        return services.BuildServiceProvider();
    }
}
