using System.Globalization;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>OTLP nanosecond timestamps, with the implausible ones (0, seconds sent as nanoseconds, far future) treated as absent.</summary>
internal static class UnixTime
{
    private const ulong Year2000 = 946_684_800UL * 1_000_000_000UL;
    private const ulong Year2200 = 7_258_118_400UL * 1_000_000_000UL;

    public static DateTimeOffset? FromNanos(ulong nanos) =>
        nanos is < Year2000 or > Year2200 ? null : DateTimeOffset.UnixEpoch.AddTicks((long)(nanos / 100));

    public static bool IsPlausible(ulong nanos) => nanos is >= Year2000 and <= Year2200;

    public static DateTimeOffset? FromIso(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
}
