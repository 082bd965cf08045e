using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>Counts the database commands the host runs with a given parameter value (e.g. one key id).</summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    public int CommandsWith(string value) => counts.GetValueOrDefault(value);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    private void Count(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string value)
                counts.AddOrUpdate(value, 1, (_, n) => n + 1);
        }
    }
}
