using SpendOps.Core.Chargeback;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;

namespace SpendOps.Web.Chargeback;

/// <summary>What a chargeback page or download shows: a period, the groupings in order and the allocation rule.</summary>
public sealed record ChargebackView(ChargebackPeriodChoice Period, IReadOnlyList<ChargebackKey> Keys, ChargebackAllocation Allocation)
{
    /// <summary>The grouping when the address names none: by model, which every record has.</summary>
    public static IReadOnlyList<ChargebackKey> DefaultKeys { get; } = [new ChargebackKey(ChargebackKeyKind.Model)];

    public ChargebackRequest Request(TenantScope scope, TenantCalendar calendar) =>
        new(scope, Period.Resolve(calendar), Keys, Allocation);
}
