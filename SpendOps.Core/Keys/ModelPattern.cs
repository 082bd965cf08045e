using System.Text.RegularExpressions;

namespace SpendOps.Core.Keys;

/// <summary>A model allow-list entry: <c>*</c> matches any run of characters, <c>?</c> one; case-insensitive.</summary>
public sealed class ModelPattern
{
    private readonly Regex regex;

    public ModelPattern(string pattern)
    {
        Pattern = pattern.Trim();
        var body = Regex.Escape(Pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal);
        regex = new Regex($"^{body}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(50));
    }

    public string Pattern { get; }

    /// <summary>A model too long to match in time is refused rather than let through.</summary>
    public bool Matches(string model)
    {
        try
        {
            return regex.IsMatch(model);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public static bool IsValid(string pattern) =>
        !string.IsNullOrWhiteSpace(pattern) && pattern.Trim().Length <= 200 && !pattern.Any(char.IsWhiteSpace);
}
