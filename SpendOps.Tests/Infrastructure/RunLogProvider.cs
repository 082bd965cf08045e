using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// Writes every log line a host emits (the host's own level rules decide which) to the run-wide <see cref="RunLog"/>,
/// and, when given a queue, keeps them there too for a test to read.
/// </summary>
public sealed class RunLogProvider(ConcurrentQueue<string>? captured = null) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, captured);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string>? captured) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel} {category}: {formatter(state, exception)}");
            if (exception is not null)
                line += Environment.NewLine + exception;
            RunLog.Write(line);
            captured?.Enqueue(line);
        }
    }
}
