using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SpendOps.Tests.Infrastructure;

/// <summary>SQLite's own plan for a command EF built (<c>EXPLAIN QUERY PLAN</c>, with the same parameters), one line per step.</summary>
public static class SqlitePlan
{
    public static List<string> Of(DbCommand command)
    {
        using var explain = (SqliteCommand)command.Connection!.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (SqliteParameter parameter in command.Parameters)
            explain.Parameters.AddWithValue(parameter.ParameterName, parameter.Value);
        using var reader = explain.ExecuteReader();
        var steps = new List<string>();
        while (reader.Read())
            steps.Add(reader.GetString(reader.GetOrdinal("detail")));
        return steps;
    }
}
