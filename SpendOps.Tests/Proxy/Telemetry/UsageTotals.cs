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
            counted.Sum(r => r.Tokens.InputTokens),
            counted.Sum(r => r.Tokens.OutputTokens),
            counted.Sum(r => r.Tokens.CacheReadTokens),
            counted.Sum(r => r.Tokens.CacheWrite5mTokens + r.Tokens.CacheWrite1hTokens));
    }
}
