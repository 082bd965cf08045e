namespace SpendOps.Tests.Infrastructure;

/// <summary>A request as the fake provider received it; <paramref name="RawTarget"/> is the path and query byte for byte as sent.</summary>
public sealed record RecordedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, byte[] Body, string RawTarget = "")
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;
}
