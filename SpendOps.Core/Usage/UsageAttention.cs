namespace SpendOps.Core.Usage;

/// <summary>
/// Records whose cost the totals do not fully show or did not compute: <see cref="Unpriced"/> (no price and no
/// reported cost: in no total until priced), <see cref="Incomplete"/> (the response was cut or carried no usage) and
/// <see cref="Reported"/> (no price: counted at the cost their source reported).
/// </summary>
public sealed record UsageAttention(int Unpriced, int Incomplete, int Reported);
