using System.Text;

namespace SpendOps.Core.Budgets;

/// <summary>
/// A SQL <c>LIKE</c> pattern matched in memory as the databases match it: <c>%</c> any run of characters, <c>_</c>
/// exactly one, the escape character makes the next one literal, every other character compares exactly (lower-casing
/// is the caller's, as in <see cref="ModelLike"/>). A character is a Unicode code point, as SQLite and PostgreSQL count
/// them for <c>_</c>: an emoji is one character there and two .NET chars.
/// </summary>
internal sealed class SqlLikePattern
{
    // A code point, or one of these two wildcards (negative, so no code point can be mistaken for one).
    private const int AnyOne = -1;
    private const int AnyRun = -2;

    private readonly int[] tokens;

    public SqlLikePattern(string like, char escape)
    {
        var tokens = new List<int>(like.Length);
        var escaped = false;
        foreach (var rune in like.EnumerateRunes())
        {
            if (escaped)
            {
                tokens.Add(rune.Value);
                escaped = false;
            }
            else if (rune.Value == escape)
                escaped = true;
            else
                tokens.Add(rune.Value switch { '%' => AnyRun, '_' => AnyOne, var c => c });
        }
        // A trailing escape has nothing to escape; PostgreSQL refuses such a pattern, and ModelLike.ToLike never writes one.
        if (escaped)
            tokens.Add(escape);
        this.tokens = [.. tokens];
    }

    public bool IsMatch(string value)
    {
        // Greedy with backtracking to the last '%': each '%' only ever needs to take one more character. t and resumeAt
        // are char positions, moved by whole code points.
        int t = 0, p = 0, lastRun = -1, resumeAt = 0;
        while (t < value.Length)
        {
            var (codePoint, width) = At(value, t);
            if (p < tokens.Length && tokens[p] == AnyRun)
            {
                lastRun = p++;
                resumeAt = t;
            }
            else if (p < tokens.Length && (tokens[p] == AnyOne || tokens[p] == codePoint))
            {
                p++;
                t += width;
            }
            else if (lastRun >= 0)
            {
                p = lastRun + 1;
                resumeAt += At(value, resumeAt).Width;
                t = resumeAt;
            }
            else
                return false;
        }
        while (p < tokens.Length && tokens[p] == AnyRun)
            p++;
        return p == tokens.Length;
    }

    private static (int CodePoint, int Width) At(string text, int index)
    {
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out var width);
        return (rune.Value, width);
    }
}
