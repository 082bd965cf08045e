namespace SpendOps.Core.Data;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
    SqlServer = 2,
}
