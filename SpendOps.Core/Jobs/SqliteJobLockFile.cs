using System.Diagnostics;
using Hangfire.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;

namespace SpendOps.Core.Jobs;

/// <summary>
/// With SQLite, Hangfire's storage is in memory (see <see cref="JobStorageFactory"/>), so its locks are private to one
/// process, and <c>jobs run</c> on the command line would not see the server's run of the same job. An exclusive lock on
/// a file beside the database (<c>spendops.db.UsageRollupJob.RunAsync.lock</c>) is what both processes share; the
/// operating system drops it when its holder exits, however that happens. Nothing to lock on the other databases,
/// whose Hangfire storage is the database itself.
/// </summary>
internal sealed class SqliteJobLockFile(IServiceProvider services)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly Lazy<string?> databasePath = new(() => DatabasePath(services));

    /// <summary>The held lock (dispose to release), or null where there is no database file to lock beside.</summary>
    public IDisposable? Acquire(string resource, TimeSpan timeout)
    {
        if (databasePath.Value is not { } database)
            return null;
        var path = $"{database}.{resource}.lock";
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock() on Linux and macOS and a sharing lock on Windows: a second
                // opener, in this process or another, fails until the first closes. The file itself stays, empty.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException) when (Stopwatch.GetElapsedTime(started) + PollInterval <= timeout)
            {
                Thread.Sleep(PollInterval);
            }
            catch (IOException)
            {
                throw new DistributedLockTimeoutException(resource);
            }
        }
    }

    private static string? DatabasePath(IServiceProvider services)
    {
        if (services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider != DatabaseProvider.Sqlite)
            return null;
        var source = new SqliteConnectionStringBuilder(DatabaseServiceCollectionExtensions.SqliteConnectionString(services));
        return source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:" ? null : source.DataSource;
    }
}
