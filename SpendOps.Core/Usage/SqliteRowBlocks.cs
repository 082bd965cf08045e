using SQLitePCL;

namespace SpendOps.Core.Usage;

/// <summary>A known number of rows, written in full multi-row statements and the rest one row at a time.</summary>
internal sealed class SqliteRowBlocks : IDisposable
{
    private readonly SqliteRowStatement? block;
    private readonly SqliteRowStatement? single;
    private int blockRowsLeft;
    private int inStatement;
    private SqliteRowStatement? current;

    public SqliteRowBlocks(sqlite3 database, string table, string[] columns, int rowsPerStatement, int rows)
    {
        var blocks = rows / rowsPerStatement;
        blockRowsLeft = blocks * rowsPerStatement;
        if (blocks > 0)
            block = new SqliteRowStatement(database, table, columns, rowsPerStatement);
        if (rows > blockRowsLeft)
            single = new SqliteRowStatement(database, table, columns, 1);
    }

    public IUsageColumnWriter Next()
    {
        if (inStatement == 0)
            current = blockRowsLeft > 0 ? block : single;
        return current!;
    }

    public void EndRow()
    {
        if (current == block)
            blockRowsLeft--;
        if (++inStatement < current!.Rows)
            return;
        current.Execute();
        inStatement = 0;
    }

    public void Dispose()
    {
        block?.Dispose();
        single?.Dispose();
    }
}
