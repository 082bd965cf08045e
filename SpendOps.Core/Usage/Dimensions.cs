namespace SpendOps.Core.Usage;

/// <summary>Rules for attribution dimensions (<c>team=backend</c>), shared by the proxy, the policy editor and the CLI.</summary>
public static class Dimensions
{
    public const int MaxNameLength = 64;
    public const int MaxValueLength = 256;
    public const int MaxCount = 32;

    /// <summary>Letters, digits, <c>_</c>, <c>-</c> and <c>.</c> (so OpenTelemetry names like <c>user.email</c> fit).</summary>
    public static bool IsValidName(ReadOnlySpan<char> name)
    {
        if (name.Length is 0 or > MaxNameLength)
            return false;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('_' or '-' or '.'))
                return false;
        }
        return true;
    }

    public static bool IsValidValue(ReadOnlySpan<char> value)
    {
        if (value.Length is 0 or > MaxValueLength)
            return false;
        foreach (var c in value)
        {
            if (char.IsControl(c))
                return false;
        }
        return true;
    }

    /// <summary>Dimension names are case-insensitive: <c>Team</c> and <c>team</c> are the same column.</summary>
    public static string Normalize(string name) => name.ToLowerInvariant();

    /// <summary>The name in lower case (ToLowerInvariant returns the string itself when it has no upper-case letter).</summary>
    public static string Normalize(ReadOnlySpan<char> name) => name.ToString().ToLowerInvariant();
}
