namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// The databases every database test runs on: SQLite (the default) and PostgreSQL (production). A test class that
/// needs a database is abstract and has one small subclass per kind, marked <c>[Trait("Database", kind)]</c>
/// (see <see cref="OnDatabaseAttribute"/> and <see cref="DatabaseFactAttribute"/>).
/// </summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
