namespace SpendOps.Core.RateLimits;

/// <summary>
/// One proxy instance's counts for one key in one 60 s window. Every instance upserts its own rows each second and
/// reads the other instances' sums, which is how a per-key limit holds across instances without a request ever
/// waiting for the database.
/// </summary>
public sealed class RateLimitCounter
{
    public required string ApiKeyId { get; set; }

    /// <summary>The window: minutes since the Unix epoch (UTC), so every instance agrees on the boundaries.</summary>
    public long WindowMinute { get; set; }

    /// <summary>The instance that counted, random per process start.</summary>
    public required string InstanceId { get; set; }

    public int Requests { get; set; }

    public long Tokens { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
