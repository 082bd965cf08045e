using System.ComponentModel.DataAnnotations;

namespace SpendOps.Proxy.Enforcement;

/// <summary><c>Proxy:Budgets</c>: how blocking budgets reserve a call's cost and lease allowance from the database.</summary>
public sealed class BudgetGateOptions
{
    public const string SectionName = "Proxy:Budgets";

    /// <summary>The output a call is assumed to produce at most when its body names no limit (<c>max_tokens</c> and the like).</summary>
    [Range(1, 10_000_000)]
    public int DefaultMaxOutputTokens { get; set; } = 4096;

    /// <summary>
    /// Request bytes per input token for the input estimate. Tokenizers average about four characters of English per
    /// token and one per CJK character (three bytes), so three bytes per token errs on the high side.
    /// </summary>
    [Range(1, 100)]
    public int InputBytesPerToken { get; set; } = 3;

    /// <summary>The share of a budget's amount an instance leases at a time, in percent.</summary>
    [Range(0.1, 100)]
    public double LeasePercent { get; set; } = 5;

    /// <summary>
    /// How long an instance's lease counts without renewal. An instance that cannot renew (database unreachable) stops
    /// using its allowance by then, and the others stop counting it, so a dead instance frees its share in this time.
    /// </summary>
    [Range(5, 3600)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>How often each instance renews its leases, tops them up and returns what it does not use.</summary>
    [Range(50, 60_000)]
    public int SyncMilliseconds { get; set; } = 1000;
}
