using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Data;

/// <summary>
/// Says once at start where this instance keeps its files, so an operator knows what to back up and mount; and warns
/// when the working directory holds a <c>data</c> folder of an earlier release (which kept the SQLite file and the
/// spill folder relative to the working directory) while this instance uses another one.
/// </summary>
internal sealed partial class DataFolderLog(DataFolder folder, ILogger<DataFolderLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogFolder(logger, folder.Path);
        var earlier = Path.GetFullPath("data", Environment.CurrentDirectory);
        if (!string.Equals(earlier, folder.Path, StringComparison.Ordinal) && HoldsData(earlier) && !File.Exists(Path.Combine(folder.Path, "spendops.db")))
            LogEarlierFolder(logger, earlier, folder.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static bool HoldsData(string path) =>
        File.Exists(Path.Combine(path, "spendops.db")) || Directory.Exists(Path.Combine(path, "usage-spill"));

    [LoggerMessage(Level = LogLevel.Information, Message = "Data folder: {DataFolder}")]
    private static partial void LogFolder(ILogger logger, string dataFolder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The working directory has a data folder of an earlier start ({Earlier}), but this instance keeps its files in {DataFolder}. To go on with those files, set DataFolder={Earlier}")]
    private static partial void LogEarlierFolder(ILogger logger, string earlier, string dataFolder);
}
