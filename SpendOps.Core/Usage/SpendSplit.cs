namespace SpendOps.Core.Usage;

/// <summary>What the lines of a spend-over-time chart are.</summary>
public enum SpendSplit
{
    Provider,
    Model,
}
