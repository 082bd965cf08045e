using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// Splits a call's cost of record by token class (input, cache reads and writes, output, reasoning, audio, image,
/// request fees) with the price row that rated it, as <see cref="CostCalculator"/> does. The classes' billed costs are
/// the price's components scaled to the cost of record (the discount comes off in proportion), and the last class takes
/// the remainder of the division, so they add up to <see cref="UsageRecord.CostUsd"/> exactly. A call without a price
/// (a reported cost) is one <c>total</c> charge.
/// </summary>
public static class FocusChargeSplitter
{
    public const string Tokens = "Tokens";
    public const string Requests = "Requests";

    public static IReadOnlyList<FocusCharge> Split(RatedRecord rated) =>
        Split(rated.Record, rated.Price, rated.Record.CostUsd ?? 0m, rated.Record.CostSource);

    /// <summary>
    /// The split <paramref name="record"/> had, or has, at <paramref name="cost"/> from <paramref name="source"/> with
    /// <paramref name="price"/>: a correction is the difference of two of these.
    /// </summary>
    public static IReadOnlyList<FocusCharge> Split(UsageRecord record, ModelPrice? price, decimal cost, CostSource? source)
    {
        if (price is null || source == CostSource.Reported)
            return [Whole(record, cost)];

        var tokens = record.Tokens;
        var breakdown = CostCalculator.Calculate(record, price);
        var reasoningTokens = price.ReasoningPerMTok is null ? 0 : Math.Clamp(tokens.ReasoningTokens, 0, Math.Max(tokens.OutputTokens, 0));
        (string Class, long Quantity, string Unit, decimal List)[] parts =
        [
            ("input", tokens.InputTokens, Tokens, breakdown.Input),
            ("cache_read", tokens.CacheReadTokens, Tokens, breakdown.CacheRead),
            ("cache_write_5m", tokens.CacheWrite5mTokens, Tokens, breakdown.CacheWrite5m),
            ("cache_write_1h", tokens.CacheWrite1hTokens, Tokens, breakdown.CacheWrite1h),
            ("output", tokens.OutputTokens - reasoningTokens, Tokens, breakdown.Output),
            ("reasoning", reasoningTokens, Tokens, breakdown.Reasoning),
            ("audio", tokens.AudioInputTokens + tokens.AudioOutputTokens, Tokens, breakdown.Audio),
            ("image", tokens.ImageInputTokens + tokens.ImageOutputTokens, Tokens, breakdown.Image),
            ("request_fee", breakdown.RequestFees > 0m ? 1 : 0, Requests, breakdown.RequestFees),
        ];
        var used = parts.Where(p => p.Quantity > 0 || p.List != 0m).ToList();
        var subtotal = breakdown.Subtotal;
        if (used.Count == 0 || subtotal == 0m)
            return [Whole(record, cost)];

        // A tenant's own price is the contract: no list price is known beside it, so list equals billed.
        var listIsCatalog = source == CostSource.Catalog;
        var charges = new List<FocusCharge>(used.Count);
        var shared = 0m;
        for (var i = 0; i < used.Count; i++)
        {
            var billed = i == used.Count - 1 ? cost - shared : used[i].List * cost / subtotal;
            shared += billed;
            charges.Add(new FocusCharge(used[i].Class, used[i].Quantity, used[i].Unit, listIsCatalog ? used[i].List : billed, billed));
        }
        return charges;
    }

    private static FocusCharge Whole(UsageRecord record, decimal cost)
    {
        var t = record.Tokens;
        var tokens = t.PromptTokens + t.OutputTokens + t.AudioInputTokens + t.AudioOutputTokens + t.ImageInputTokens + t.ImageOutputTokens;
        return tokens > 0 ? new FocusCharge("total", tokens, Tokens, cost, cost) : new FocusCharge("total", 1, Requests, cost, cost);
    }
}
