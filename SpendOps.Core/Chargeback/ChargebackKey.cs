using SpendOps.Core.Telemetry;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback;

/// <summary>One grouping level of a chargeback: a column or a dimension.</summary>
public sealed record ChargebackKey(ChargebackKeyKind Kind, string? Dimension = null)
{
    /// <summary>The most levels one view combines; enough for "team × product × model".</summary>
    public const int MaxLevels = 4;

    /// <summary>The dimension a level reads, for <see cref="ChargebackKeyKind.Dimension"/> and <see cref="ChargebackKeyKind.User"/>.</summary>
    public string? DimensionName => Kind switch
    {
        ChargebackKeyKind.Dimension => Dimension,
        ChargebackKeyKind.User => ClaudeCodeUsage.InstallDimension,
        _ => null,
    };

    /// <summary>Parses <c>dim:team,model</c>; false with a reason for anything else.</summary>
    public static bool TryParseList(string text, out IReadOnlyList<ChargebackKey> keys, out string error)
    {
        var parsed = new List<ChargebackKey>();
        keys = parsed;
        error = "";
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TryParse(part, out var key))
            {
                error = $"'{part}' is not dim:NAME, key, provider, model, source or user";
                return false;
            }
            if (parsed.Contains(key))
            {
                error = $"'{part}' is given twice";
                return false;
            }
            parsed.Add(key);
        }
        if (parsed.Count == 0)
            error = "name at least one grouping (dim:NAME, key, provider, model, source or user)";
        else if (parsed.Count > MaxLevels)
            error = $"at most {MaxLevels} groupings can be combined";
        return error.Length == 0;
    }

    public static bool TryParse(string text, out ChargebackKey key)
    {
        key = null!;
        if (text.StartsWith("dim:", StringComparison.OrdinalIgnoreCase))
        {
            var name = text[4..];
            if (!Dimensions.IsValidName(name))
                return false;
            key = new ChargebackKey(ChargebackKeyKind.Dimension, Dimensions.Normalize(name));
            return true;
        }
        if (!Enum.TryParse<ChargebackKeyKind>(text, ignoreCase: true, out var kind) || kind == ChargebackKeyKind.Dimension || !char.IsAsciiLetter(text[0]))
            return false;
        key = new ChargebackKey(kind);
        return true;
    }

    public override string ToString() => Kind == ChargebackKeyKind.Dimension ? $"dim:{Dimension}" : Kind.ToString().ToLowerInvariant();
}
