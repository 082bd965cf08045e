namespace SpendOps.Core.Pricing.Checks;

/// <summary>
/// One rate of a <see cref="ModelPrice"/> that the catalog checks read and correct. <see cref="Name"/> is the
/// property name, which is what <see cref="PriceCorrection.Field"/> stores; <see cref="Label"/> is for people.
/// </summary>
public sealed class PriceField
{
    public static readonly PriceField Input = new(nameof(ModelPrice.InputPerMTok), "input", p => p.InputPerMTok, (p, v) => p.InputPerMTok = v);
    public static readonly PriceField Output = new(nameof(ModelPrice.OutputPerMTok), "output", p => p.OutputPerMTok, (p, v) => p.OutputPerMTok = v);
    public static readonly PriceField CacheRead = new(nameof(ModelPrice.CacheReadPerMTok), "cache read", p => p.CacheReadPerMTok, (p, v) => p.CacheReadPerMTok = v);
    public static readonly PriceField CacheWrite5m = new(nameof(ModelPrice.CacheWrite5mPerMTok), "5-minute cache write", p => p.CacheWrite5mPerMTok, (p, v) => p.CacheWrite5mPerMTok = v);
    public static readonly PriceField CacheWrite1h = new(nameof(ModelPrice.CacheWrite1hPerMTok), "1-hour cache write", p => p.CacheWrite1hPerMTok, (p, v) => p.CacheWrite1hPerMTok = v);

    public static readonly PriceField InputAboveThreshold = new(nameof(ModelPrice.InputAboveThresholdPerMTok), "above-threshold input",
        p => p.InputAboveThresholdPerMTok, (p, v) => p.InputAboveThresholdPerMTok = v);
    public static readonly PriceField OutputAboveThreshold = new(nameof(ModelPrice.OutputAboveThresholdPerMTok), "above-threshold output",
        p => p.OutputAboveThresholdPerMTok, (p, v) => p.OutputAboveThresholdPerMTok = v);
    public static readonly PriceField CacheReadAboveThreshold = new(nameof(ModelPrice.CacheReadAboveThresholdPerMTok), "above-threshold cache read",
        p => p.CacheReadAboveThresholdPerMTok, (p, v) => p.CacheReadAboveThresholdPerMTok = v);
    public static readonly PriceField CacheWrite5mAboveThreshold = new(nameof(ModelPrice.CacheWrite5mAboveThresholdPerMTok), "above-threshold 5-minute cache write",
        p => p.CacheWrite5mAboveThresholdPerMTok, (p, v) => p.CacheWrite5mAboveThresholdPerMTok = v);
    public static readonly PriceField CacheWrite1hAboveThreshold = new(nameof(ModelPrice.CacheWrite1hAboveThresholdPerMTok), "above-threshold 1-hour cache write",
        p => p.CacheWrite1hAboveThresholdPerMTok, (p, v) => p.CacheWrite1hAboveThresholdPerMTok = v);

    public static IReadOnlyList<PriceField> All { get; } =
        [Input, Output, CacheRead, CacheWrite5m, CacheWrite1h, InputAboveThreshold, OutputAboveThreshold, CacheReadAboveThreshold, CacheWrite5mAboveThreshold, CacheWrite1hAboveThreshold];

    private readonly Func<ModelPrice, decimal?> get;
    private readonly Action<ModelPrice, decimal> set;

    private PriceField(string name, string label, Func<ModelPrice, decimal?> get, Action<ModelPrice, decimal> set)
    {
        Name = name;
        Label = label;
        this.get = get;
        this.set = set;
    }

    public string Name { get; }

    public string Label { get; }

    public decimal? Get(ModelPrice price) => get(price);

    internal void Set(ModelPrice price, decimal value) => set(price, value);

    /// <summary>The label of a stored field name; the name itself for a field this version does not know.</summary>
    public static string LabelOf(string name) => All.FirstOrDefault(f => f.Name == name)?.Label ?? name;

    public override string ToString() => Name;
}
