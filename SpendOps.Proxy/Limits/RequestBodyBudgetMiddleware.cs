using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SpendOps.Proxy.Forwarding;

namespace SpendOps.Proxy.Limits;

/// <summary>
/// Holds proxy requests to the <see cref="RequestBodyBudget"/>: a declared body takes its length before it is read, a
/// chunked one takes its bytes as they arrive. Over the budget the client gets a 503 in the provider's error shape
/// with <c>Retry-After: 1</c> (SDKs retry it), rather than waiting: a burst of large bodies must not pile up in memory.
/// </summary>
internal sealed class RequestBodyBudgetMiddleware(RequestDelegate next, RequestBodyBudget budget, IOptions<ProxyOptions> proxy, IOptions<LimitsOptions> limits)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!budget.Enabled || !ProxyPaths.IsProxy(context.Request.Path))
        {
            await next(context);
            return;
        }
        using var reservation = new BodyReservation(budget);
        var request = context.Request;
        if (request.ContentLength is { } declared)
        {
            // A body over the per-request limit is refused with 413 by the proxy without being read: nothing to hold.
            if (declared > 0 && declared <= proxy.Value.MaxRequestBodyBytes && !reservation.TryTake(declared))
            {
                await RefuseAsync(context);
                return;
            }
        }
        else
        {
            // Chunked (HTTP/1.1) or simply undeclared (HTTP/2): counted as it is read; a request without a body takes nothing.
            request.Body = new BudgetedBodyStream(request.Body, reservation);
        }

        try
        {
            await next(context);
        }
        catch (BodyBudgetExceededException) when (!context.Response.HasStarted)
        {
            await RefuseAsync(context);
        }
    }

    private Task RefuseAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = "1";
        var message = string.Create(CultureInfo.InvariantCulture,
            $"AI SpendOps: The proxy is busy: request bodies in memory are at their limit of {limits.Value.BufferedRequestBytes} bytes (Limits:BufferedRequestBytes); retry in 1 s");
        return ErrorEnvelope.WriteAsync(context, ProxyPaths.FamilyOf(context), new ProxyError(StatusCodes.Status503ServiceUnavailable, message, "aso_proxy_busy"));
    }
}
