namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// The databases every database test runs on: SQLite (the default) and PostgreSQL (production). A test class that
/// needs a database is abstract and has one small nested subclass per kind, marked <see cref="OnDatabaseAttribute"/>
/// (the trait <c>Database=Sqlite</c> or <c>Database=Postgres</c>); its tests are <see cref="DatabaseFactAttribute"/>s.
/// </summary>
public enum DatabaseKind
{
    Sqlite,
    Postgres,
}
