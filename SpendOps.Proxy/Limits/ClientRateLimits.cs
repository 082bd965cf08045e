using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Forwarding;
using SpendOps.Proxy.Telemetry;

namespace SpendOps.Proxy.Limits;

/// <summary>
/// Per-client request rates (ASP.NET Core's rate limiter, one token bucket per remote address) on the proxy and the
/// telemetry ingest. Proxy calls whose key id the key cache knows share a generous bucket; calls without a key or with
/// an id the proxy has not seen get a much smaller one, so a flood of made-up keys is cut off early (each unknown id
/// may cost a database lookup) while a busy office behind one address keeps working. Refusals are 429 with
/// Retry-After, in the provider's error shape (or OTLP's).
/// </summary>
internal static class ClientRateLimits
{
    /// <param name="root">
    /// The application's services, for the key cache: asking the request's services would create a request scope
    /// for every proxied call, which nothing else on the proxy's path needs.
    /// </param>
    public static void Configure(RateLimiterOptions options, LimitsOptions limits, IServiceProvider root)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits, root));
        options.OnRejected = (rejected, _) => RejectAsync(rejected.HttpContext, rejected.Lease, limits, root);
    }

    private static RateLimitPartition<string> Partition(HttpContext context, LimitsOptions limits, IServiceProvider root)
    {
        var path = context.Request.Path;
        if (ProxyPaths.IsProxy(path))
        {
            return HasKnownKey(context, root)
                ? Bucket(context, "key ", limits.RequestsPerClient, limits.RateWindowSeconds)
                : Bucket(context, "nokey ", limits.UnauthenticatedRequestsPerClient, limits.RateWindowSeconds);
        }
        if (path.StartsWithSegments(TelemetryIngestPaths.Root))
            return Bucket(context, "ingest ", limits.IngestRequestsPerClient, limits.RateWindowSeconds);
        return RateLimitPartition.GetNoLimiter("");
    }

    /// <summary>
    /// The client's bucket of <paramref name="permits"/> refilled evenly over the window (at most once a second); no
    /// limit, and no partition key built, when the limit is off.
    /// </summary>
    private static RateLimitPartition<string> Bucket(HttpContext context, string kind, int permits, int windowSeconds)
    {
        if (permits <= 0)
            return RateLimitPartition.GetNoLimiter("");
        var key = kind + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        var (period, tokens) = permits >= windowSeconds
            ? (TimeSpan.FromSeconds(1), permits / windowSeconds)
            : (TimeSpan.FromSeconds((double)windowSeconds / permits), 1);
        return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = permits,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    /// <summary>Looks only at the key cache (never the database): an id it holds is a known key, right or wrong secret.</summary>
    private static bool HasKnownKey(HttpContext context, IServiceProvider root)
    {
        var header = context.Request.Headers[ProxyHeaders.ApiKey];
        return header.Count == 1
            && ApiKeyFormat.TryParse(header[0]!, out var id, out _)
            && root.GetRequiredService<ApiKeyResolver>().Knows(id);
    }

    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease, LimitsOptions limits, IServiceProvider root)
    {
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? (int)Math.Ceiling(retryAfter.TotalSeconds) : 1;
        seconds = Math.Max(1, seconds);
        var request = context.Request;
        if (request.Path.StartsWithSegments(TelemetryIngestPaths.Root))
        {
            var ingestMessage = Message("", limits.IngestRequestsPerClient, limits, "IngestRequestsPerClient", seconds);
            await OtlpResult.Error(StatusCodes.Status429TooManyRequests, OtlpContentTypes.Detect(request.ContentType) ?? OtlpContentKind.Json, ingestMessage, retryAfterSeconds: seconds)
                .ExecuteAsync(context);
            return;
        }
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = HasKnownKey(context, root)
            ? Message("", limits.RequestsPerClient, limits, "RequestsPerClient", seconds)
            : Message(" without a valid API key", limits.UnauthenticatedRequestsPerClient, limits, "UnauthenticatedRequestsPerClient", seconds);
        await ErrorEnvelope.WriteAsync(context, ProxyPaths.FamilyOf(context), new ProxyError(StatusCodes.Status429TooManyRequests, message, "aso_client_rate_limited"));
    }

    private static string Message(string what, int permits, LimitsOptions limits, string setting, int seconds) =>
        string.Create(CultureInfo.InvariantCulture,
            $"AI SpendOps: Too many requests{what} from this address ({permits} per {limits.RateWindowSeconds} s, Limits:{setting}); retry in {seconds} s");
}
