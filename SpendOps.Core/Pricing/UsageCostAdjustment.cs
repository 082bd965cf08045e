using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

/// <summary>
/// One change to the cost of record of a usage record that already had one: the ledger that lets an export of a later
/// period carry the difference as a correction instead of silently moving an earlier period's figure. Written in the
/// same save as the change, never edited. The record's own fields are copied so a period's adjustments are found
/// without touching the usage table.
/// </summary>
public sealed class UsageCostAdjustment : ITenantOwned
{
    public long Id { get; set; }

    public long UsageRecordId { get; set; }
    public Guid TenantId { get; set; }

    /// <summary>The call's time: the period whose figure changed.</summary>
    public DateTimeOffset RecordTimestamp { get; set; }

    public required string Provider { get; set; }
    public string? Model { get; set; }

    /// <summary>Null when the record had no cost (unpriced) before or has none after.</summary>
    public decimal? CostBeforeUsd { get; set; }

    public decimal? CostAfterUsd { get; set; }

    /// <summary><see cref="CostAfterUsd"/> − <see cref="CostBeforeUsd"/>, a missing cost counting as zero.</summary>
    public decimal DeltaUsd { get; set; }

    public long? PriceIdBefore { get; set; }
    public CostSource? CostSourceBefore { get; set; }

    /// <summary>The price row (price version) that gives the new cost; null for a reported cost.</summary>
    public long? PriceIdAfter { get; set; }

    public CostSource? CostSourceAfter { get; set; }

    public DateTimeOffset AdjustedAt { get; set; }
    public CostAdjustmentReason Reason { get; set; }

    /// <summary>Who made the change (a user's e-mail, a CLI actor or <c>system</c>).</summary>
    public required string Actor { get; set; }

    /// <summary>The adjustment a change from <paramref name="before"/> to the record's current cost makes.</summary>
    internal static UsageCostAdjustment Of(UsageRecord record, PricingOutcome before, CostAdjustmentReason reason, string actor, DateTimeOffset at) => new()
    {
        UsageRecordId = record.Id,
        TenantId = record.TenantId,
        RecordTimestamp = record.Timestamp,
        Provider = record.Provider,
        Model = record.PricingModel,
        CostBeforeUsd = before.CostUsd,
        CostAfterUsd = record.CostUsd,
        DeltaUsd = (record.CostUsd ?? 0m) - (before.CostUsd ?? 0m),
        PriceIdBefore = before.PriceId,
        CostSourceBefore = before.Source,
        PriceIdAfter = record.PriceId,
        CostSourceAfter = record.CostSource,
        AdjustedAt = at,
        Reason = reason,
        Actor = actor,
    };
}
