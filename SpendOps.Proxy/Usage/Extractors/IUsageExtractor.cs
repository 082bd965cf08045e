namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// Reads usage from a copy of a response body as it streams past. Implementations are incremental (bytes
/// arrive in chunks of any size, down to one byte), keep bounded memory whatever the body size, and never
/// throw: malformed input just leaves <see cref="UsageObservation.UsageFound"/> false.
/// </summary>
public interface IUsageExtractor
{
    /// <summary>Feeds the next bytes of the (uncompressed) response body.</summary>
    void Append(ReadOnlySpan<byte> bytes);

    /// <summary>Called once after the last byte (or when the stream was cut); returns what was found.</summary>
    UsageObservation Complete();
}
