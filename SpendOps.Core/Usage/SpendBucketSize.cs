namespace SpendOps.Core.Usage;

public enum SpendBucketSize
{
    Hour,

    /// <summary>A local calendar day (23 or 25 hours on daylight-saving days).</summary>
    Day,
}
