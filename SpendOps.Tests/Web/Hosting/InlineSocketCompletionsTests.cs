using Microsoft.Extensions.Configuration;
using SpendOps.Web.Hosting;

namespace SpendOps.Tests.Web.Hosting;

/// <summary><c>Proxy:InlineSocketCompletions</c>: on by default with SQLite only, where no database work waits on a socket.</summary>
public sealed class InlineSocketCompletionsTests
{
    [Theory]
    [InlineData(null, null, true)]
    [InlineData("Sqlite", null, true)]
    [InlineData("sqlite", null, true)]
    [InlineData("Postgres", null, false)]
    [InlineData("SqlServer", null, false)]
    [InlineData("Sqlite", "false", false)]
    [InlineData("Postgres", "true", true)]
    [InlineData("Postgres", " True ", true)]
    public void Read_DefaultsToTheDatabase_AnExplicitValueWins(string? database, string? setting, bool expected)
    {
        var configuration = Configuration(database, setting);

        Assert.Equal(expected, InlineSocketCompletions.Read(configuration, out var error));
        Assert.Null(error);
    }

    [Fact]
    public void Read_NeitherTrueNorFalse_NullAndWhatToFix()
    {
        Assert.Null(InlineSocketCompletions.Read(Configuration(null, "sometimes"), out var error));
        Assert.Equal("Proxy:InlineSocketCompletions must be true or false, not 'sometimes'.", error);
    }

    private static IConfiguration Configuration(string? database, string? setting) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database,
            ["Proxy:InlineSocketCompletions"] = setting,
        }).Build();
}
