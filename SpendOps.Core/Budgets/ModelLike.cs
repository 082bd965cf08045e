using System.Linq.Expressions;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Budgets;

/// <summary>
/// <see cref="Keys.ModelPattern"/>s as SQL <c>LIKE</c> (<c>*</c> → <c>%</c>, <c>?</c> → <c>_</c>, the rest escaped),
/// compared in lower case so that they match case-insensitively on every database, as the pattern does in the proxy.
/// A record matches by its reported or its requested model, as the usage filter's model does.
/// </summary>
internal static class ModelLike
{
    public const char EscapeCharacter = '\\';

    public static Expression<Func<UsageRecord, bool>> AnyOf(IReadOnlyList<string> patterns) => AnyOf<UsageRecord>(patterns);

    /// <summary>The same condition on any type with <c>ModelReported</c> and <c>ModelRequested</c> (a rollup's facts).</summary>
    public static Expression<Func<T, bool>> AnyOf<T>(IReadOnlyList<string> patterns)
    {
        var record = Expression.Parameter(typeof(T), "r");
        Expression? any = null;
        foreach (var pattern in patterns.Select(ToLike))
        {
            var matches = Expression.OrElse(
                Matches(record, nameof(UsageRecord.ModelReported), pattern),
                Matches(record, nameof(UsageRecord.ModelRequested), pattern));
            any = any is null ? matches : Expression.OrElse(any, matches);
        }
        return Expression.Lambda<Func<T, bool>>(any ?? Expression.Constant(true), record);
    }

    public static string ToLike(string pattern)
    {
        var like = new StringBuilder(pattern.Length + 4);
        foreach (var c in pattern.Trim().ToLowerInvariant())
        {
            like.Append(c switch
            {
                '*' => "%",
                '?' => "_",
                '%' or '_' or EscapeCharacter => $"{EscapeCharacter}{c}",
                _ => c.ToString(),
            });
        }
        return like.ToString();
    }

    // r.Column != null && EF.Functions.Like(r.Column.ToLower(), pattern, "\")
    private static Expression Matches(ParameterExpression record, string column, string pattern)
    {
        var value = Expression.Property(record, column);
        var lower = Expression.Call(value, typeof(string).GetMethod(nameof(string.ToLower), Type.EmptyTypes)!);
        var like = Expression.Call(
            typeof(DbFunctionsExtensions).GetMethod(nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!,
            Expression.Constant(EF.Functions),
            lower,
            Expression.Constant(pattern),
            Expression.Constant(EscapeCharacter.ToString()));
        return Expression.AndAlso(Expression.NotEqual(value, Expression.Constant(null, typeof(string))), like);
    }
}
