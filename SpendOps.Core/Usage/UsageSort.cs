namespace SpendOps.Core.Usage;

/// <summary>Columns the usage explorer can sort by. Every order ends with the record id, so pages never overlap.</summary>
public enum UsageSort
{
    Time,
    Cost,
    Tokens,
    Provider,
    Model,
    Key,
    Status,
    Latency,
}
