using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace SpendOps.Core.Jobs;

/// <summary>
/// Hangfire's own log messages (scheduler, workers, storage) into the host's logging. Hangfire logs through one
/// process-wide provider; <c>AddHangfire</c> would bind it to the logger factory of whichever host configured it last,
/// and once that host is disposed every other host's Hangfire code throws <see cref="ObjectDisposedException"/> when
/// it logs. Tests run several hosts in one process, so the bridge follows the latest host and drops a message rather
/// than fail the job that logs it.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    public static readonly HangfireLogBridge Instance = new();

    private static volatile ILoggerFactory? current;

    public static void Attach(ILoggerFactory factory) => current = factory;

    public ILog GetLogger(string name) => new BridgedLog(name);

    private sealed class BridgedLog(string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            if (current is not { } factory)
                return false;
            try
            {
                return new AspNetCoreLogProvider(factory).GetLogger(name).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
