using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Buffers the request body for the handler and turns what can go wrong on the client's side into the answer the
/// client gets: 413 for a body over <see cref="ProxyOptions.MaxRequestBodyBytes"/>, 400 for broken framing (an
/// invalid or overflowing chunk size, a chunk without its line end) or for a body that stopped arriving before it
/// was complete (the server's minimum data rate gave up on it). None is a server error.
/// </summary>
internal static class RequestBodyReader
{
    public const string MalformedBodyMessage = "AI SpendOps: The request body could not be read (invalid chunked encoding)";
    public const string IncompleteBodyMessage = "AI SpendOps: The request body stopped arriving before it was complete; send the whole body its Content-Length or chunked framing announces";

    public static async ValueTask<RequestBodyResult> ReadAsync(HttpContext context, long maxBytes)
    {
        var request = context.Request;
        var hasBody = request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (!hasBody)
            return default;
        try
        {
            var buffered = await BufferedRequestBody.ReadAsync(request, maxBytes, context.RequestAborted);
            return buffered is null ? new RequestBodyResult(null, TooLarge(maxBytes)) : new RequestBodyResult(buffered, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return new RequestBodyResult(null, new ProxyError(400, IncompleteBodyMessage, "aso_malformed_body"));
        }
        catch (BadHttpRequestException)
        {
            return new RequestBodyResult(null, new ProxyError(400, MalformedBodyMessage, "aso_malformed_body"));
        }
        catch (IOException) when (!context.RequestAborted.IsCancellationRequested)
        {
            return new RequestBodyResult(null, new ProxyError(400, MalformedBodyMessage, "aso_malformed_body"));
        }
    }

    /// <summary>
    /// Called before a refusal is written while part of the body may still be unread: lifts the server's body-size
    /// limit so that the server drains the rest after the answer (for a few seconds at most) instead of dropping
    /// the connection, which could discard the answer before the client read it.
    /// </summary>
    public static void AllowDrain(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = null;
    }

    private static ProxyError TooLarge(long maxBytes) => new(413,
        $"AI SpendOps: Request body is larger than the proxy's limit of {maxBytes} bytes (Proxy:MaxRequestBodyBytes)",
        "aso_request_too_large");
}
