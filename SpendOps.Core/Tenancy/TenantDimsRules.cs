using SpendOps.Core.Usage;

namespace SpendOps.Core.Tenancy;

/// <summary>What a catalogue entry may look like; checked before it is saved, with messages that say what to fix.</summary>
public static class TenantDimsRules
{
    public const int MaxDescriptionLength = 500;
    public const int MaxValues = 200;

    /// <summary>A request carries at most <see cref="Dimensions.MaxCount"/> dimensions, so a longer catalogue could not be used whole.</summary>
    public const int MaxEntries = Dimensions.MaxCount;

    /// <summary>The name in canonical form (trimmed, lower case), or a <see cref="DomainException"/>.</summary>
    public static string NormalizeName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (!Dimensions.IsValidName(trimmed))
            throw new DomainException($"Invalid dimension name '{trimmed}': use 1 to {Dimensions.MaxNameLength} letters, digits, '_', '-' or '.'.");
        return Dimensions.Normalize(trimmed);
    }

    public static string? NormalizeDescription(string? description)
    {
        var trimmed = description?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        if (trimmed.Length > MaxDescriptionLength)
            throw new DomainException($"The description must be at most {MaxDescriptionLength} characters.");
        return trimmed;
    }

    /// <summary>Trimmed, without empties and duplicates, in the order given; empty means free text.</summary>
    public static IReadOnlyList<string> NormalizeValues(string name, IEnumerable<string> values)
    {
        var result = new List<string>();
        foreach (var raw in values)
        {
            var value = raw.Trim();
            if (value.Length == 0 || result.Contains(value, StringComparer.Ordinal))
                continue;
            if (!Dimensions.IsValidValue(value) || value.Contains(','))
                throw new DomainException($"Invalid value '{value}' for dimension '{name}': use 1 to {Dimensions.MaxValueLength} printable characters and no comma.");
            result.Add(value);
        }
        if (result.Count > MaxValues)
            throw new DomainException($"Dimension '{name}' has {result.Count} allowed values; at most {MaxValues} are possible. Leave the list empty for free text.");
        return result;
    }
}
