using System.Collections.Frozen;
using SpendOps.Core.Keys;

namespace SpendOps.Core.Tenancy;

/// <summary>
/// A tenant's dimension catalogue compiled for checks: the names every call must carry, and (when the catalogue is
/// not empty) the only names and values accepted. The proxy combines it with each key's <see cref="KeyPolicy"/>:
/// required names add up, accepted names and values are the intersection. An empty catalogue restricts nothing.
/// </summary>
public sealed class TenantDimsPolicy
{
    private readonly FrozenDictionary<string, FrozenSet<string>> allowed;

    public TenantDimsPolicy(IEnumerable<TenantDimension> catalogue)
    {
        var entries = catalogue.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();
        allowed = entries.ToFrozenDictionary(d => d.Name, d => d.AllowedValues.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);
        Names = entries.Select(d => d.Name).ToList();
        Required = entries.Where(d => d.Required).Select(d => d.Name).ToList();
    }

    public static TenantDimsPolicy Empty { get; } = new([]);

    /// <summary>Catalogued names in alphabetical order; empty when the tenant has no catalogue.</summary>
    public IReadOnlyList<string> Names { get; }

    public IReadOnlyList<string> Required { get; }

    public bool IsEmpty => Names.Count == 0;

    public bool AllowsName(string name) => IsEmpty || allowed.ContainsKey(name);

    /// <summary>The values a catalogued name accepts; null when any value is accepted (free text or no catalogue).</summary>
    public IReadOnlyCollection<string>? ValuesOf(string name) =>
        allowed.TryGetValue(name, out var values) && values.Count > 0 ? values : null;

    public bool Allows(string name, string value) => AllowsName(name) && (ValuesOf(name) is not { } values || values.Contains(value));

    /// <summary>
    /// Why a key's policy is wider than this catalogue or can never be satisfied under it (a required name the key
    /// does not allow), phrased to follow "the key …"; null when the key only narrows the catalogue.
    /// </summary>
    public string? ConflictWith(KeyPolicy policy)
    {
        if (IsEmpty)
            return null;
        var catalogue = string.Join(", ", Names);
        foreach (var name in policy.RequiredDims)
        {
            if (!allowed.ContainsKey(name))
                return $"requires dimension '{name}', which is not in the tenant's dimension catalogue ({catalogue})";
        }
        if (policy.AllowedDims is not { } keyAllowed)
            return null;
        foreach (var (name, values) in keyAllowed)
        {
            if (!allowed.ContainsKey(name))
                return $"allows dimension '{name}', which is not in the tenant's dimension catalogue ({catalogue})";
            if (ValuesOf(name) is { } catalogued && values.FirstOrDefault(v => !catalogued.Contains(v)) is { } extra)
                return $"allows value '{extra}' of '{name}', which the tenant's catalogue does not ({string.Join(", ", catalogued.Order(StringComparer.Ordinal))})";
        }
        foreach (var name in Required)
        {
            if (!keyAllowed.ContainsKey(name))
                return $"does not allow dimension '{name}', which the tenant's catalogue requires on every call";
        }
        return null;
    }
}
