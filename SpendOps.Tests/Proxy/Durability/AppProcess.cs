using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Durability;

/// <summary>
/// The published shape of the product: <c>dotnet SpendOps.Web.dll</c> as a process of its own on a loopback port, so a
/// test can kill it the way an operating system does (SIGKILL: no shutdown, no flush, nothing runs).
/// </summary>
internal sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AppProcess(Process process, Uri baseAddress, string workingDirectory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        WorkingDirectory = workingDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The empty folder the process was started in (not the app's folder).</summary>
    public string WorkingDirectory { get; }

    /// <summary>What the process wrote (for a failure message).</summary>
    public string Output
    {
        get
        {
            lock (output)
                return output.ToString();
        }
    }

    public static async Task<AppProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var app = Launch(database, settings);
        await app.WaitUntilLiveAsync();
        return app;
    }

    /// <summary>Starts the app as a process and waits for it to exit by itself (a start it refuses); returns its exit code.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        await using var app = Launch(database, settings);
        await app.process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        // The exit is seen before the last lines of output are read.
        app.process.WaitForExit();
        return (app.process.ExitCode, app.Output);
    }

    private static AppProcess Launch(TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            // An empty folder: no appsettings.json is found, so the settings below are the whole configuration.
            WorkingDirectory = TestEnvironment.TempDirectory("app-process"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "SpendOps.Web.dll"));
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = database.Provider;
        start.Environment["ConnectionStrings__SpendOps"] = database.ConnectionString;
        start.Environment["Jobs__Enabled"] = "false";
        // A data folder of its own (its default is beside the app, which every test process shares).
        start.Environment["DataFolder"] = TestEnvironment.TempDirectory("app-data");
        // The keys the test creates are hashed under the test run's secret, as every instance of a deployment shares one.
        start.Environment["Keys__HashSecret"] = TestEnvironment.KeyHashSecret;
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

        var process = Process.Start(start)!;
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}"), start.WorkingDirectory);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    private async Task WaitUntilLiveAsync()
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"SpendOps.Web exited with {process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/healthz")).IsSuccessStatusCode)
                    return;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"SpendOps.Web did not start within 3 minutes:\n{Output}");
    }

    /// <summary>SIGKILL: the process ends at once, with whatever it had in memory.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as a service manager stops it: a clean shutdown.</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
            return;
        using var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await term.WaitForExitAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
            await KillAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
