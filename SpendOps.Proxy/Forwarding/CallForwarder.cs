using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Auth;
using SpendOps.Proxy.Enforcement;
using SpendOps.Proxy.Usage;
using Yarp.ReverseProxy.Forwarder;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Forwards an admitted call with YARP's <see cref="IHttpForwarder"/>, tees the response to its usage extractor,
/// answers upstream failures in the provider's error shape, and queues the call's usage record.
/// </summary>
internal sealed partial class CallForwarder(
    IHttpForwarder forwarder,
    UpstreamInvoker invoker,
    UsageSink usage,
    KeyRateLimiter rateLimiter,
    TimeProvider clock,
    ProxyMetrics metrics,
    IOptions<ProxyOptions> options,
    ILogger<CallForwarder> logger)
{
    private readonly ForwarderRequestConfig forwarderConfig = new()
    {
        ActivityTimeout = TimeSpan.FromSeconds(options.Value.UpstreamIdleTimeoutSeconds),
    };

    public async Task ForwardAsync(HttpContext context, Upstream upstream, string providerPath, ProviderFamily family, ProxyCall call)
    {
        var clientBody = context.Response.Body;
        var recorded = false;
        void Record(int? failedStatus, bool interrupted)
        {
            if (recorded)
                return;
            recorded = true;
            RecordUsage(upstream, call, failedStatus, interrupted);
        }
        var capture = new UsageCaptureStream(clientBody, call, () => context.Response.ContentLength, () => Record(null, interrupted: false));
        context.Response.Body = capture;
        ForwarderError error;
        try
        {
            error = await forwarder.SendAsync(context, upstream.BaseUrl, invoker.Invoker, forwarderConfig, new ProviderTransformer(providerPath, call, clock), context.RequestAborted);
            if (error == ForwarderError.None)
                await capture.CompleteAsync(context.RequestAborted);
        }
        finally
        {
            context.Response.Body = clientBody;
        }

        int? failedStatus = null;
        if (error != ForwarderError.None)
            failedStatus = await ReportForwardErrorAsync(context, upstream, family, error, call);
        metrics.RequestCompleted(upstream.Info.Name, failedStatus ?? context.Response.StatusCode);
        if (call.AddedLatency is { } added)
            metrics.AddedLatency(upstream.Info.Name, added);
        Record(failedStatus, interrupted: error != ForwarderError.None);
    }

    /// <summary>Builds, accounts and journals the call's usage record; called once, before the response's last byte leaves.</summary>
    private void RecordUsage(Upstream upstream, ProxyCall call, int? failedStatus, bool interrupted)
    {
        var record = call.ToRecord(failedStatus, interrupted);
        if (call.CaptureFailed)
            metrics.CaptureFailed(upstream.Info.Name);
        if (call.RateLimit is { } rateLimit)
            rateLimiter.AddTokens(rateLimit, RateLimitTokens.Of(record.Tokens));
        call.Budget?.Settle(record);
        usage.Enqueue(record);
    }

    /// <summary>
    /// Turns a forwarding failure into the provider-shaped 502/504, unless the response had already begun. Returns
    /// the status the proxy answered with, or null when the provider's status stands (the client went away, or the
    /// provider broke off a response already under way).
    /// </summary>
    private async Task<int?> ReportForwardErrorAsync(HttpContext context, Upstream upstream, ProviderFamily family, ForwarderError error, ProxyCall call)
    {
        var exception = context.GetForwarderErrorFeature()?.Exception;
        call.NeverSent = error == ForwarderError.Request && NoConnection(exception);
        var clientGone = context.RequestAborted.IsCancellationRequested
            || error is ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.RequestBodyClient
                or ForwarderError.ResponseBodyCanceled or ForwarderError.ResponseBodyClient;
        if (clientGone)
        {
            LogClientGone(logger, upstream.Info.Name, error);
            return null;
        }

        LogUpstreamFailed(logger, upstream.Info.Name, error, exception?.GetBaseException().Message);
        if (context.Response.HasStarted)
            return null; // The provider's status and part of its body are already with the client; the stream just ends.

        var timedOut = error == ForwarderError.RequestTimedOut;
        var status = timedOut ? 504 : 502;
        var message = timedOut
            ? $"AI SpendOps: The {upstream.Info.DisplayName} API did not answer within {options.Value.UpstreamIdleTimeoutSeconds} s"
            : $"AI SpendOps: Could not reach the {upstream.Info.DisplayName} API ({Describe(error)})";
        context.Response.Headers.Clear();
        context.Response.Headers[ProxyHeaders.RequestId] = call.RequestId;
        ServerTiming.WriteForwarded(context.Response.Headers, call.StartTimestamp, call.SentTimestamp, Stopwatch.GetTimestamp());
        call.RateLimit?.WriteHeaders(context.Response.Headers, family, clock.GetUtcNow());
        await ErrorEnvelope.WriteAsync(context, family, new ProxyError(status, message, timedOut ? "aso_upstream_timeout" : "aso_upstream_unreachable"));
        return status;
    }

    /// <summary>The connection to the provider was never made (refused, unresolvable, TLS failed): it saw nothing.</summary>
    private static bool NoConnection(Exception? exception) =>
        exception is HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
        };

    private static string Describe(ForwarderError error) => error switch
    {
        ForwarderError.Request => "connection failed",
        ForwarderError.ResponseHeaders => "invalid response",
        ForwarderError.RequestBodyDestination => "upstream stopped reading the request",
        ForwarderError.ResponseBodyDestination => "upstream broke off the response",
        _ => error.ToString(),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Upstream {Provider} failed: {Error} {Reason}")]
    private static partial void LogUpstreamFailed(ILogger logger, string provider, ForwarderError error, string? reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client went away during a {Provider} call: {Error}")]
    private static partial void LogClientGone(ILogger logger, string provider, ForwarderError error);
}
