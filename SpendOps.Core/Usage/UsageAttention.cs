namespace SpendOps.Core.Usage;

/// <summary>
/// Records whose cost the totals do not fully show: <see cref="Unpriced"/> (no price yet, counted as $0 until
/// priced) and <see cref="Incomplete"/> (the response was cut or carried no usage).
/// </summary>
public sealed record UsageAttention(int Unpriced, int Incomplete);
