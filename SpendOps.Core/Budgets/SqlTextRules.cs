using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace SpendOps.Core.Budgets;

/// <summary>
/// How a database compares and lower-cases text, so that a selection made in memory over rows it returned agrees with
/// the same selection written in SQL (<see cref="BudgetSpendBatch"/>). SQLite compares bytes (binary collation) and its
/// built-in <c>lower()</c> folds ASCII letters only; PostgreSQL compares bytes (deterministic collations) and lower-cases
/// every letter; SQL Server's default collations ignore case and trailing spaces, and <c>LOWER</c> folds every letter.
/// </summary>
internal sealed class SqlTextRules
{
    private static readonly SqlTextRules Sqlite = new(StringComparer.Ordinal, LowerAscii);
    private static readonly SqlTextRules Postgres = new(StringComparer.Ordinal, s => s.ToLowerInvariant());
    private static readonly SqlTextRules SqlServer = new(new CaseAndTrailingSpaceInsensitive(), s => s.ToLowerInvariant());

    private SqlTextRules(IEqualityComparer<string> equality, Func<string, string> lower)
    {
        Equality = equality;
        Lower = lower;
    }

    /// <summary>String equality as <c>=</c> and <c>IN</c> decide it.</summary>
    public IEqualityComparer<string> Equality { get; }

    /// <summary>What <c>lower()</c> returns.</summary>
    public Func<string, string> Lower { get; }

    public static SqlTextRules For(DatabaseFacade database) =>
        database.IsSqlite() ? Sqlite : database.IsSqlServer() ? SqlServer : Postgres;

    private static string LowerAscii(string text) => string.Create(text.Length, text, static (lower, source) =>
    {
        for (var i = 0; i < source.Length; i++)
            lower[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + ('a' - 'A')) : source[i];
    });

    private sealed class CaseAndTrailingSpaceInsensitive : IEqualityComparer<string>
    {
        public bool Equals(string? x, string? y) =>
            x is null || y is null ? x == y : string.Equals(x.TrimEnd(' '), y.TrimEnd(' '), StringComparison.OrdinalIgnoreCase);

        public int GetHashCode(string text) => StringComparer.OrdinalIgnoreCase.GetHashCode(text.TrimEnd(' '));
    }
}
