namespace SpendOps.Core.Budgets;

/// <summary>
/// <see cref="ModelLike"/> in memory, for rows a database has already returned: the same <c>LIKE</c> patterns
/// (<see cref="ModelLike.ToLike"/>), matched against the models as that database's <c>lower()</c> returns them
/// (<see cref="SqlTextRules.Lower"/>). No pattern: every row matches, as <see cref="ModelLike.AnyOf{T}"/> does.
/// </summary>
internal sealed class ModelLikeMatch(IReadOnlyList<string> patterns)
{
    private readonly SqlLikePattern[] likes = patterns.Select(p => new SqlLikePattern(ModelLike.ToLike(p), ModelLike.EscapeCharacter)).ToArray();

    /// <summary>Whether the reported or the requested model, already lower-cased, matches a pattern; null never does.</summary>
    public bool Matches(string? reportedLower, string? requestedLower) =>
        likes.Length == 0 || likes.Any(like => (reportedLower is not null && like.IsMatch(reportedLower)) || (requestedLower is not null && like.IsMatch(requestedLower)));
}
