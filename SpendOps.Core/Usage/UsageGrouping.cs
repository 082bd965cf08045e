namespace SpendOps.Core.Usage;

public enum UsageGroupingKind
{
    Model,
    Key,
    Provider,
    Endpoint,
    Source,
    Dimension,
}

/// <summary>What a summary groups by: a column, or a dimension (<c>dim:team</c>).</summary>
public sealed record UsageGrouping(UsageGroupingKind Kind, string? Dimension = null)
{
    public static bool TryParse(string text, out UsageGrouping grouping)
    {
        grouping = null!;
        if (text.StartsWith("dim:", StringComparison.OrdinalIgnoreCase))
        {
            var name = text[4..];
            if (!Dimensions.IsValidName(name))
                return false;
            grouping = new UsageGrouping(UsageGroupingKind.Dimension, Dimensions.Normalize(name));
            return true;
        }
        if (!Enum.TryParse<UsageGroupingKind>(text, ignoreCase: true, out var kind) || kind == UsageGroupingKind.Dimension)
            return false;
        grouping = new UsageGrouping(kind);
        return true;
    }

    public override string ToString() => Kind == UsageGroupingKind.Dimension ? $"dim:{Dimension}" : Kind.ToString().ToLowerInvariant();
}
