using System.Globalization;

namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// An OTLP <c>AnyValue</c>. Readers are tolerant because senders disagree on types: a number may arrive as
/// <c>intValue</c>, <c>doubleValue</c> or <c>stringValue</c>; one that cannot be read is null for that field only.
/// </summary>
internal sealed class OtlpValue
{
    public static readonly OtlpValue Empty = new() { Kind = OtlpValueKind.Empty };

    public OtlpValueKind Kind { get; init; }
    public string? String { get; init; }
    public bool Bool { get; init; }
    public long Int { get; init; }
    public double Double { get; init; }
    public IReadOnlyList<OtlpValue>? Array { get; init; }
    public OtlpAttributes? KeyValueList { get; init; }
    public byte[]? Bytes { get; init; }

    public static OtlpValue FromString(string value) => new() { Kind = OtlpValueKind.String, String = value };

    /// <summary>Scalars as invariant text (what a dimension stores); null for empty, arrays, lists and bytes.</summary>
    public string? AsText() => Kind switch
    {
        OtlpValueKind.String => String,
        OtlpValueKind.Bool => Bool ? "true" : "false",
        OtlpValueKind.Int => Int.ToString(CultureInfo.InvariantCulture),
        OtlpValueKind.Double when double.IsFinite(Double) => Double.ToString("R", CultureInfo.InvariantCulture),
        _ => null,
    };

    /// <summary>A whole number from an int, an integral double, or a string holding either.</summary>
    public long? AsLong()
    {
        switch (Kind)
        {
            case OtlpValueKind.Int:
                return Int;
            case OtlpValueKind.Double when double.IsFinite(Double) && Math.Abs(Double) < 9e15 && Math.Floor(Double) == Double:
                return (long)Double;
            case OtlpValueKind.String:
                var text = String!.Trim();
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed))
                    return parsed;
                return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && decimal.Truncate(d) == d && Math.Abs(d) < 9e15m
                    ? (long)d
                    : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// A decimal from any numeric form. Doubles convert with 15 significant digits, which recovers the decimal the
    /// sender meant (<c>0.05820900000000001</c> becomes <c>0.058209</c>) so sums of costs stay exact.
    /// </summary>
    public decimal? AsDecimal() => Kind switch
    {
        OtlpValueKind.Int => Int,
        OtlpValueKind.Double => ToDecimal(Double),
        OtlpValueKind.String when decimal.TryParse(String!.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    public static decimal? ToDecimal(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15 ? (decimal)value : null;
}
