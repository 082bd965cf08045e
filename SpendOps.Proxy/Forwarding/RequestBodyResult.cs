namespace SpendOps.Proxy.Forwarding;

/// <summary>The buffered body (null when there was none), or why the request is refused.</summary>
internal readonly record struct RequestBodyResult(BufferedRequestBody? Content, ProxyError? Error) : IDisposable
{
    public void Dispose() => Content?.Dispose();
}
