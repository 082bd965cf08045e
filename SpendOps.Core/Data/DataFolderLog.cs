using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Data;

/// <summary>Says once at start where this instance keeps its files, so an operator knows what to back up and mount.</summary>
internal sealed partial class DataFolderLog(DataFolder folder, ILogger<DataFolderLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogFolder(logger, folder.Path);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Data folder: {DataFolder}")]
    private static partial void LogFolder(ILogger logger, string dataFolder);
}
