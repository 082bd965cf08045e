namespace SpendOps.Core.Usage;

/// <summary>
/// Makes text from callers and providers safe to store in a usage record's bounded columns: a value with control
/// characters (PostgreSQL refuses NUL) or broken UTF-16 is dropped, a long one is cut to the column's length. One
/// bad field must never make a whole batch of records fail to insert.
/// </summary>
public static class UsageText
{
    public static string? Clean(string? value, int maxLength)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value) || value.Any(char.IsControl) || !IsWellFormed(value))
            return null;
        if (value.Length <= maxLength)
            return value;
        // Never cut between the two halves of a surrogate pair.
        var cut = char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength;
        return value[..cut];
    }

    private static bool IsWellFormed(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]))
            {
                if (i + 1 >= value.Length || !char.IsLowSurrogate(value[i + 1]))
                    return false;
                i++;
            }
            else if (char.IsLowSurrogate(value[i]))
            {
                return false;
            }
        }
        return true;
    }
}
