using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// Names the database a spill file belongs to, so that a spill folder reused by a deployment pointed at another
/// database is not replayed into it. A hash of the engine, the server (or SQLite file) and the database name: never the
/// credentials, and nothing readable from the file. Worked out from the connection settings, without connecting.
/// </summary>
internal static class SpillDatabaseIdentity
{
    public static string Of(SpendOpsDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        var text = $"{db.Database.ProviderName}\n{connection.DataSource}\n{connection.Database}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..16]);
    }
}
