namespace SpendOps.Core.Alerts;

/// <summary>What one dispatch run did with the deliveries it claimed.</summary>
public sealed record AlertDispatchResult(int Sent = 0, int Retrying = 0, int Failed = 0)
{
    public int Claimed => Sent + Retrying + Failed;

    internal AlertDispatchResult Add(AlertDeliveryStatus outcome) => outcome switch
    {
        AlertDeliveryStatus.Sent => this with { Sent = Sent + 1 },
        AlertDeliveryStatus.Failed => this with { Failed = Failed + 1 },
        _ => this with { Retrying = Retrying + 1 },
    };
}
