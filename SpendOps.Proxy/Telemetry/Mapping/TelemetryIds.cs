using System.Security.Cryptography;
using System.Text;
using SpendOps.Proxy.Telemetry.Otlp;

namespace SpendOps.Proxy.Telemetry.Mapping;

/// <summary>
/// Deterministic <see cref="Core.Usage.UsageRecord.RequestId"/>s for telemetry, so a batch the exporter retries
/// maps to the same ids and inserts nothing new. Prefixes keep them apart from the proxy's ids.
/// </summary>
internal static class TelemetryIds
{
    /// <summary>
    /// An <c>api_request</c> event: (sender, session, request id), else (sender, session, sequence, prompt id). The
    /// sender is the connection and the ingest key: an id another key's holder can compute must not let them send
    /// it first and have the real event dropped as a duplicate.
    /// </summary>
    public static string ForEvent(Guid connectionId, string? ingestKeyId, string? sessionId, string? requestId, long? sequence, string? promptId, string fallback)
    {
        var sender = $"{connectionId:N}/{ingestKeyId}";
        return "tce_" + Hash(requestId is not null
            ? $"{sender}\n{sessionId}\nreq\n{requestId}"
            : sequence is not null ? $"{sender}\n{sessionId}\nseq\n{sequence}\n{promptId}" : $"{sender}\n{sessionId}\nraw\n{fallback}");
    }

    /// <summary>One group of metric increments: (connection, ingest key, group of series, end of the interval); see <see cref="ForEvent"/>.</summary>
    public static string ForMetrics(Guid connectionId, string? ingestKeyId, string groupKey, ulong timeUnixNano) =>
        "tcm_" + Hash($"{connectionId:N}/{ingestKeyId}\n{groupKey}\n{timeUnixNano}");

    /// <summary>A stable key for a set of attributes, independent of their order.</summary>
    public static string KeyOf(params IEnumerable<KeyValuePair<string, OtlpValue>>[] attributeSets) =>
        KeyOfSegments(attributeSets.Select(Segment).ToArray());

    /// <summary>The same key from sets already turned into <see cref="Segment"/>s, so a set shared by many points (the resource) is sorted once.</summary>
    public static string KeyOfSegments(params string[] segments) => Hash(string.Concat(segments));

    /// <summary>One set's part of a key: its entries sorted by key.</summary>
    public static string Segment(IEnumerable<KeyValuePair<string, OtlpValue>> set)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in set.OrderBy(a => a.Key, StringComparer.Ordinal))
            text.Append(key).Append('=').Append(Canonical(value)).Append('\u001f');
        return text.Append('\u001e').ToString();
    }

    public static string Canonical(OtlpValue value) => value.Kind switch
    {
        OtlpValueKind.Array => "[" + string.Join(",", value.Array!.Select(Canonical)) + "]",
        OtlpValueKind.KeyValueList => "{" + string.Join(",", value.KeyValueList!.Select(kv => kv.Key + ":" + Canonical(kv.Value))) + "}",
        OtlpValueKind.Bytes => "b:" + Convert.ToBase64String(value.Bytes!),
        _ => $"{(int)value.Kind}:{value.AsText()}",
    };

    private static string Hash(string input) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(input)))[..40];
}
