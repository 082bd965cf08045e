namespace SpendOps.Core.Usage;

/// <summary>How an INSERT hands back the key the database generated.</summary>
internal enum GeneratedKeyClause
{
    None,

    /// <summary><c>INSERT … VALUES (…) RETURNING "Id"</c>: PostgreSQL and SQLite.</summary>
    Returning,

    /// <summary><c>INSERT … OUTPUT INSERTED.[Id] VALUES (…)</c>: SQL Server, which has no RETURNING.</summary>
    OutputInserted,
}
