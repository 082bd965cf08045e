using System.Diagnostics;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Enforcement;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Usage.Extractors;
using SpendOps.Proxy.Usage.Extractors.OpenAi;

namespace SpendOps.Proxy.Forwarding;

/// <summary>The state of one forwarded call, from the accepted request to its usage record.</summary>
internal sealed class ProxyCall(
    string requestId,
    long startTimestamp,
    DateTimeOffset startedAt,
    Upstream upstream,
    EndpointInfo endpoint,
    ResolvedKey key,
    Dictionary<string, string> dims,
    RequestFacts facts,
    long requestBytes)
{
    // Column sizes of UsageRecord: text from callers and providers is cut to fit, never allowed to fail the insert.
    private const int MaxModelLength = 200;

    private int statusCode;
    private string? upstreamRequestId;
    private bool isEventStream;
    private long responseBytes;
    private long firstByteTimestamp;
    private long sendingTimestamp, headersArrivedTimestamp, headersSentTimestamp;
    private IUsageExtractor? extractor;
    private ResponseDecoder? decoder;
    private bool undecodable;

    public string RequestId => requestId;

    /// <summary>When the handler took the request (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long StartTimestamp => startTimestamp;

    /// <summary>When the request left for the provider; 0 until then.</summary>
    public long SentTimestamp => sendingTimestamp;

    /// <summary>When the provider's response headers arrived; 0 until then.</summary>
    public long HeadersArrivedTimestamp => headersArrivedTimestamp;

    /// <summary>
    /// Set when the proxy added <c>stream_options.include_usage</c> to the request: the usage-only chunk that this
    /// makes the provider send is read here and removed from what the client receives.
    /// </summary>
    public InjectedUsageChunkFilter? InjectedUsageFilter { get; init; }

    /// <summary>The admission verdict of a rate-limited key (its headers go on the response); null for keys without limits.</summary>
    public RateLimitDecision? RateLimit { get; init; }

    /// <summary>The call's reservation in the blocking budgets it falls under; null when there are none.</summary>
    public BudgetAdmission? Budget { get; init; }

    /// <summary>The error shape of the API called, which also decides the rate-limit header style.</summary>
    public ProviderFamily Family { get; init; }

    /// <summary>Set by <see cref="ToRecord"/> when the extractor had to skip or could not parse part of the body.</summary>
    public bool CaptureFailed { get; private set; }

    /// <summary>
    /// Set when no connection to the provider could be made: nothing was sent, so a call that got no answer is not
    /// billable. Any other call without an answer (a reset before the headers, a timeout, a client that stopped
    /// waiting) may still have run at the provider and stays billable with unknown usage.
    /// </summary>
    public bool NeverSent { get; set; }

    /// <summary>The request is about to leave for the provider: everything before it was the proxy's own work.</summary>
    public void OnRequestSending() => sendingTimestamp = Stopwatch.GetTimestamp();

    /// <summary>The provider's headers are in; from here until they reach the client is the proxy's work again.</summary>
    public void OnResponseHeadersArrived() => headersArrivedTimestamp = Stopwatch.GetTimestamp();

    public void OnResponseHeadersSent() => headersSentTimestamp = Stopwatch.GetTimestamp();

    /// <summary>
    /// The time SpendOps added to the call: admission up to sending the request, plus passing the provider's headers
    /// on. Null when the call did not get that far (no answer from the provider).
    /// </summary>
    public TimeSpan? AddedLatency => sendingTimestamp == 0 || headersArrivedTimestamp == 0 || headersSentTimestamp == 0
        ? null
        : Stopwatch.GetElapsedTime(startTimestamp, sendingTimestamp) + Stopwatch.GetElapsedTime(headersArrivedTimestamp, headersSentTimestamp);

    public void OnResponseHeaders(HttpResponseMessage response)
    {
        statusCode = (int)response.StatusCode;
        upstreamRequestId = FirstHeader(response, "request-id") ?? FirstHeader(response, "x-request-id");
        var contentType = response.Content.Headers.ContentType?.MediaType;
        isEventStream = string.Equals(contentType, "text/event-stream", StringComparison.OrdinalIgnoreCase);
        if (statusCode < 400)
            extractor = UsageExtractorFactory.Create(endpoint, upstream.Info, contentType);
        if (extractor is not null)
        {
            decoder = ResponseDecoder.For(string.Join(",", response.Content.Headers.ContentEncoding), out var supported);
            undecodable = !supported;
        }
    }

    public void OnResponseBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty)
            return;
        if (firstByteTimestamp == 0)
            firstByteTimestamp = Stopwatch.GetTimestamp();
        responseBytes += bytes.Length;
        if (decoder is not null && extractor is not null)
            decoder.Feed(bytes, extractor);
        else if (!undecodable)
            extractor?.Append(bytes);
    }

    /// <summary>
    /// Builds the record once the response is over. <paramref name="failedStatus"/> is set when the proxy answered
    /// instead of the provider (502/504); <paramref name="interrupted"/> when the exchange broke off midway (a client
    /// that went away still leaves a call the provider bills, so it stays billable, with incomplete usage).
    /// </summary>
    public UsageRecord ToRecord(int? failedStatus, bool interrupted)
    {
        var end = Stopwatch.GetTimestamp();
        var observation = extractor?.Complete();
        decoder?.Dispose();
        CaptureFailed = observation is { ParseFailed: true } or { SkippedOversized: > 0 } || undecodable || decoder is { Failed: true };
        var status = failedStatus ?? (statusCode == 0 ? 499 : statusCode);
        var billable = endpoint.Billable && (statusCode == 0 ? !NeverSent : statusCode is >= 200 and < 400);
        var record = new UsageRecord
        {
            RequestId = requestId,
            UpstreamRequestId = UsageText.Clean(upstreamRequestId, 128),
            Timestamp = startedAt,
            TenantId = key.TenantId,
            ApiKeyId = key.Id,
            Source = UsageSource.Proxy,
            Provider = upstream.Info.Name,
            Endpoint = endpoint.Name,
            ModelRequested = UsageText.Clean(facts.Model, MaxModelLength),
            ModelReported = UsageText.Clean(observation?.ModelReported, MaxModelLength),
            Stream = facts.Stream || isEventStream,
            StatusCode = status,
            LatencyMs = Stopwatch.GetElapsedTime(startTimestamp, end).TotalMilliseconds,
            TimeToFirstByteMs = firstByteTimestamp == 0 ? null : Stopwatch.GetElapsedTime(startTimestamp, firstByteTimestamp).TotalMilliseconds,
            RequestBytes = requestBytes,
            ResponseBytes = responseBytes,
            Billable = billable,
            UsageComplete = !billable || (!interrupted && observation is { UsageFound: true, Completed: true }),
            PricingStatus = billable ? PricingStatus.Pending : PricingStatus.NotBillable,
            Dims = dims,
        };
        if (observation is { UsageFound: true })
            CopyUsage(observation, record);
        return record;
    }

    private static void CopyUsage(UsageObservation o, UsageRecord r)
    {
        // A copy, not the observation's own object: the extractor hands the same observation back on every Complete().
        r.Tokens = o.Tokens.Copy();
        r.SearchContextSize = UsageText.Clean(o.SearchContextSize, 16);
        r.ServiceTier = UsageText.Clean(o.ServiceTier, 32);
        r.ProviderCostUsd = o.ProviderCostUsd;
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
