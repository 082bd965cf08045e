using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SpendOps.Tests.Core.Telemetry;

/// <summary>
/// The DELETE statements one context ran and the rows each affected, read from EF's diagnostic events (the same
/// numbers the database returned), so a test can see how a purge split its work.
/// </summary>
internal sealed class DeleteStatements : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly List<(string Sql, int Rows)> statements = [];
    private readonly List<IDisposable> subscriptions = [];
    private DbContext? watched;

    public async Task<T> Watch<T>(DbContext db, Func<Task<T>> action)
    {
        watched = db;
        var all = DiagnosticListener.AllListeners.Subscribe(this);
        lock (subscriptions)
            subscriptions.Add(all);
        try
        {
            return await action();
        }
        finally
        {
            watched = null;
        }
    }

    /// <summary>Rows affected by each DELETE from <paramref name="table"/>, in the order they ran.</summary>
    public int[] RowsAffected(string table)
    {
        lock (statements)
            return statements.Where(s => s.Sql.Contains($"DELETE FROM \"{table}\"", StringComparison.Ordinal)).Select(s => s.Rows).ToArray();
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
            lock (subscriptions)
                subscriptions.Add(value.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData executed
            && executed.Context is not null && ReferenceEquals(executed.Context, watched) && executed.Result is int rows)
            lock (statements)
                statements.Add((executed.Command.CommandText, rows));
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
            foreach (var subscription in subscriptions)
                subscription.Dispose();
    }
}
