using System.Globalization;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// One log file for the whole test run, to which every test host writes (<see cref="RunLogProvider"/>), beside a
/// list of the key secrets the run issued. <c>.ci/check-logs</c> reads both after <c>dotnet test</c> and fails when
/// a secret, a provider credential, a prompt or a completion (<see cref="Canaries"/>) reached the log.
/// The folder is <c>SPENDOPS_TEST_LOGS</c>, or <c>TestResults/logs</c> beside the test assembly.
/// </summary>
public static class RunLog
{
    private static readonly Lock Gate = new();
    private static readonly string Stem = Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture,
        $"run-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}"));
    private static StreamWriter? log;
    private static StreamWriter? secrets;

    public static string Folder =>
        Environment.GetEnvironmentVariable("SPENDOPS_TEST_LOGS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "logs");

    public static string LogPath => Stem + ".log";

    public static void Write(string line)
    {
        lock (Gate)
        {
            log ??= Open(LogPath);
            log.WriteLine(line);
        }
    }

    /// <summary>Records a key secret this run issued, so the check can look for it in the log too.</summary>
    public static void IssuedSecret(string fullKey)
    {
        var dot = fullKey.IndexOf('.', StringComparison.Ordinal);
        var secret = dot >= 0 ? fullKey[(dot + 1)..] : fullKey;
        if (secret.Length < 16)
            return;
        lock (Gate)
        {
            secrets ??= Open(Stem + ".secrets");
            secrets.WriteLine(secret);
        }
    }

    private static StreamWriter Open(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        return new StreamWriter(stream) { AutoFlush = true };
    }
}
