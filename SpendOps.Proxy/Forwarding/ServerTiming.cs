using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The standard <c>Server-Timing</c> header on every proxied response, so users can check the proxy's overhead in
/// production (browsers' and most HTTP tools' timing views read it): <c>aso</c> is the time spent inside SpendOps
/// before the call went to the provider (or before it was refused), <c>upstream</c> the provider's time to its
/// response headers. A provider's own <c>Server-Timing</c> entries are kept, ours are appended.
/// </summary>
internal static class ServerTiming
{
    public const string HeaderName = "Server-Timing";

    /// <summary>For an answer SpendOps gave itself (a refusal): all of it was time inside SpendOps.</summary>
    public static void WriteRefused(IHeaderDictionary headers, long startTimestamp) =>
        Append(headers, string.Create(CultureInfo.InvariantCulture, $"aso;desc=\"AI SpendOps\";dur={Milliseconds(startTimestamp, Stopwatch.GetTimestamp()):0.###}"));

    /// <summary>For a forwarded call whose provider answered (<paramref name="sentTimestamp"/> 0: not sent).</summary>
    public static void WriteForwarded(IHeaderDictionary headers, long startTimestamp, long sentTimestamp, long headersTimestamp)
    {
        if (sentTimestamp == 0)
        {
            WriteRefused(headers, startTimestamp);
            return;
        }
        // One string formatted in place: every proxied response carries it.
        Append(headers, string.Create(CultureInfo.InvariantCulture,
            $"aso;desc=\"AI SpendOps\";dur={Milliseconds(startTimestamp, sentTimestamp):0.###}, upstream;dur={Milliseconds(sentTimestamp, headersTimestamp):0.###}"));
    }

    private static void Append(IHeaderDictionary headers, string entries) =>
        headers[HeaderName] = StringValues.Concat(headers[HeaderName], entries);

    private static double Milliseconds(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
