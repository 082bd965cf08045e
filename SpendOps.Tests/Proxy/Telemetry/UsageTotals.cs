using SpendOps.Core.Usage;

namespace SpendOps.Tests.Proxy.Telemetry;

/// <summary>Cost and token totals over the records that count (not superseded).</summary>
public sealed record UsageTotals(decimal CostUsd, long InputTokens, long OutputTokens, long CacheReadTokens, long CacheCreationTokens)
{
    public static UsageTotals Of(IEnumerable<UsageRecord> records)
    {
        var counted = records.Where(r => !r.Superseded).ToList();
        return new UsageTotals(
            Math.Round(counted.Sum(r => r.ProviderCostUsd ?? 0), 10),
            counted.Sum(r => r.InputTokens),
            counted.Sum(r => r.OutputTokens),
            counted.Sum(r => r.CacheReadTokens),
            counted.Sum(r => r.CacheWrite5mTokens + r.CacheWrite1hTokens));
    }
}
