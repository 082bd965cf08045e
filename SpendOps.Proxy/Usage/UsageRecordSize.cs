using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// The approximate memory a queued usage record holds, for the queue's byte bound: a fixed part for the object, its
/// token counts and numbers, plus its text (UTF-16, two bytes a character) and its dimensions. An estimate, not a
/// measurement; it errs on the large side.
/// </summary>
internal static class UsageRecordSize
{
    private const int FixedBytes = 1024;
    private const int PerDimensionBytes = 96;

    public static long Estimate(UsageRecord record)
    {
        long characters = record.RequestId.Length + record.Provider.Length + record.Endpoint.Length
            + Length(record.UpstreamRequestId) + Length(record.ApiKeyId) + Length(record.ModelRequested) + Length(record.ModelReported)
            + Length(record.SearchContextSize) + Length(record.ServiceTier);
        long size = FixedBytes + 2 * characters;
        foreach (var (name, value) in record.Dims)
            size += PerDimensionBytes + 2L * (name.Length + value.Length);
        return size;
    }

    private static int Length(string? text) => text?.Length ?? 0;
}
