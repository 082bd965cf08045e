using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Durability;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>The published app started with a setting out of range: it says which, on one line, and exits.</summary>
public sealed class InvalidSettingsStartTests
{
    [Fact]
    public async Task SettingOutOfRange_OneLineNamingIt_NoStackTrace_ExitCodeOne()
    {
        await using var database = TestDatabase.Sqlite();

        var (exitCode, output) = await AppProcess.RunUntilExitAsync(database, new Dictionary<string, string> { ["Usage:BatchSize"] = "0" });

        Assert.Equal(1, exitCode);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var error = Assert.Single(lines, l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains("BatchSize", error, StringComparison.Ordinal);
        Assert.Contains("between 1 and 10000", error, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }

    /// <summary>The switches the app reads before it builds its host, so it checks them itself.</summary>
    [Theory]
    [InlineData("Portal:Enabled")]
    [InlineData("Proxy:InlineSocketCompletions")]
    public async Task SwitchNeitherTrueNorFalse_OneLineNamingIt_ExitCodeOne(string setting)
    {
        await using var database = TestDatabase.Sqlite();

        var (exitCode, output) = await AppProcess.RunUntilExitAsync(database, new Dictionary<string, string> { [setting] = "sometimes" });

        Assert.Equal(1, exitCode);
        var error = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), l => l.StartsWith("error:", StringComparison.Ordinal));
        Assert.Equal($"error: configuration: {setting} must be true or false, not 'sometimes'.", error);
        Assert.DoesNotContain("Exception", output, StringComparison.Ordinal);
    }
}
