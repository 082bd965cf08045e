namespace SpendOps.Core.Usage;

/// <summary>One dimension of a usage record as a row, so any dimension can be filtered and grouped in SQL on every database.</summary>
public sealed class UsageDimension
{
    public long UsageRecordId { get; set; }
    public required string Name { get; set; }
    public required string Value { get; set; }
}
