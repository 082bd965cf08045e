using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SpendOps.Core.Data;

/// <summary>
/// Per-connection SQLite settings. In WAL mode, <c>synchronous=NORMAL</c> skips the disk flush on every commit and
/// flushes at checkpoints instead: a crash of the process loses nothing, a power cut can lose the last commits but
/// never corrupts the file. The usage writer commits several times a second, and a flush per commit would make
/// the proxy wait on the disk for no gain in an application database.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
