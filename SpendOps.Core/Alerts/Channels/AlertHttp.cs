namespace SpendOps.Core.Alerts.Channels;

/// <summary>Sends a webhook or Slack request and turns every way it can fail into an <see cref="AlertDeliveryException"/>.</summary>
internal static class AlertHttp
{
    /// <summary>The named <see cref="HttpClient"/>: no redirects, no cookies (registered in <c>AddSpendOpsAlerts</c>).</summary>
    public const string ClientName = "SpendOps.Alerts";

    public static async Task PostAsync(IHttpClientFactory clients, AlertsOptions options, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // The host only: a webhook URL's path or query often is the credential (Slack's are), and errors are shown in the portal.
        var host = request.RequestUri!.Authority;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AlertDeliveryException($"No answer from {host} within {options.TimeoutSeconds} s.");
        }
        catch (HttpRequestException e)
        {
            throw new AlertDeliveryException($"Could not reach {host}: {e.HttpRequestError switch
            {
                HttpRequestError.NameResolutionError => "the host name does not resolve",
                HttpRequestError.ConnectionError => "the connection was refused or dropped",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed (certificate not trusted or expired?)",
                _ => e.HttpRequestError.ToString(),
            }}.", innerException: e);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
                return;
            var hint = status is >= 300 and < 400 ? " (redirects are not followed; configure the final URL)" : "";
            throw new AlertDeliveryException($"HTTP {status} {response.ReasonPhrase} from {host}{hint}.");
        }
    }
}
