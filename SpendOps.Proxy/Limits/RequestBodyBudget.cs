using Microsoft.Extensions.Options;

namespace SpendOps.Proxy.Limits;

/// <summary>
/// Counts the bytes of request bodies buffered by the proxy at this moment against
/// <see cref="LimitsOptions.BufferedRequestBytes"/>. A reservation that finds nothing else reserved always succeeds,
/// so one request up to <c>Proxy:MaxRequestBodyBytes</c> is never refused for being alone.
/// </summary>
internal sealed class RequestBodyBudget(IOptions<LimitsOptions> options)
{
    private readonly long capacity = options.Value.BufferedRequestBytes;
    private long reserved;

    public bool Enabled => capacity > 0;

    public long Reserved => Interlocked.Read(ref reserved);

    public bool TryReserve(long bytes)
    {
        while (true)
        {
            var current = Interlocked.Read(ref reserved);
            var next = current + bytes;
            if (current > 0 && next > capacity)
                return false;
            if (Interlocked.CompareExchange(ref reserved, next, current) == current)
                return true;
        }
    }

    public void Release(long bytes) => Interlocked.Add(ref reserved, -bytes);
}
