using SpendOps.Core.Pricing;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// One FOCUS correction row: the change in one token class of the calls of one hour of an earlier period that share
/// every other column (<see cref="FocusCorrections"/>). <see cref="Record"/> is the first of them and gives the shared
/// columns; <see cref="Records"/> says how many there are (the call's own id and time are written only for one).
/// </summary>
public sealed record FocusCorrection(UsageRecord Record, ModelPrice? Price, CostSource? CostSource, string TokenClass, string Reason)
{
    public int Records { get; set; }
    public decimal BilledCostUsd { get; set; }
    public decimal ListCostUsd { get; set; }
}
