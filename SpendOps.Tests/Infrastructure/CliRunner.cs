using System.Diagnostics;

namespace SpendOps.Tests.Infrastructure;

/// <summary>Runs the real admin command line (<c>dotnet SpendOps.Web.dll …</c>) as a process against a test database.</summary>
public sealed class CliRunner(TestDatabase database)
{
    private readonly string workingDirectory = TestEnvironment.TempDirectory("cli");

    /// <summary>Extra settings (configuration keys, passed as environment variables), applied over the defaults.</summary>
    public Dictionary<string, string> Settings { get; } = new();

    public async Task<CliResult> RunAsync(params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "SpendOps.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            // An empty folder: no appsettings.json is found, so the settings below are the whole configuration.
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__SpendOps"] = database.ConnectionString;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Keys__HashSecret"] = TestEnvironment.KeyHashSecret;
        foreach (var (key, value) in Settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        var result = new CliResult(process.ExitCode, await output, await error);
        // The command line logs to its console: its output belongs to the run-wide log that is searched for secrets.
        RunLog.Write($"cli {string.Join(' ', args)} (exit {result.ExitCode}):{Environment.NewLine}{result.Output}{result.Error}");
        return result;
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error);
