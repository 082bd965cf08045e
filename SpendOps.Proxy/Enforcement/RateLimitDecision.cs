using System.Globalization;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Providers;
using SpendOps.Proxy.Forwarding;

namespace SpendOps.Proxy.Enforcement;

/// <summary>
/// The rate-limit verdict on one request of a limited key: refused or not, and the window's counts for the
/// <c>x-ratelimit-*</c> (OpenAI style) and <c>anthropic-ratelimit-*</c> headers the providers' SDKs read.
/// </summary>
internal sealed class RateLimitDecision(KeyRateWindow window, KeyRateLimits limits, RateLimitKind refused, int requests, long tokens, long minute)
{
    public RateLimitKind Refused => refused;

    /// <summary>The window the call's tokens are added to once its usage is known.</summary>
    public KeyRateWindow Window => window;

    public KeyRateLimits Limits => limits;

    private DateTimeOffset WindowEnd => DateTimeOffset.FromUnixTimeSeconds((minute + 1) * 60);

    /// <summary>Whole seconds until the window frees (at least 1, so a client never retries at once).</summary>
    public int RetryAfterSeconds(DateTimeOffset now) => Math.Max(1, (int)Math.Ceiling((WindowEnd - now).TotalSeconds));

    public ProxyError Error() => refused switch
    {
        RateLimitKind.Requests => new ProxyError(429, $"AI SpendOps: rate limit exceeded ({limits.RequestsPerMinute} requests per minute for this key)", "aso_rate_limited"),
        _ => new ProxyError(429, $"AI SpendOps: rate limit exceeded ({limits.TokensPerMinute} tokens per minute for this key)", "aso_rate_limited"),
    };

    public void WriteHeaders(IHeaderDictionary headers, ProviderFamily family, DateTimeOffset now)
    {
        var reset = ResetText(WindowEnd - now);
        var resetAt = WindowEnd.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var anthropic = family == ProviderFamily.Anthropic;
        if (limits.RequestsPerMinute is { } rpm)
        {
            var remaining = Text(Math.Max(0, rpm - requests));
            headers["x-ratelimit-limit-requests"] = Text(rpm);
            headers["x-ratelimit-remaining-requests"] = remaining;
            headers["x-ratelimit-reset-requests"] = reset;
            if (anthropic)
            {
                headers["anthropic-ratelimit-requests-limit"] = Text(rpm);
                headers["anthropic-ratelimit-requests-remaining"] = remaining;
                headers["anthropic-ratelimit-requests-reset"] = resetAt;
            }
        }
        if (limits.TokensPerMinute is { } tpm)
        {
            var remaining = Text(Math.Max(0, tpm - tokens));
            headers["x-ratelimit-limit-tokens"] = Text(tpm);
            headers["x-ratelimit-remaining-tokens"] = remaining;
            headers["x-ratelimit-reset-tokens"] = reset;
            if (anthropic)
            {
                headers["anthropic-ratelimit-tokens-limit"] = Text(tpm);
                headers["anthropic-ratelimit-tokens-remaining"] = remaining;
                headers["anthropic-ratelimit-tokens-reset"] = resetAt;
            }
        }
        if (refused != RateLimitKind.None)
            headers["retry-after"] = Text(RetryAfterSeconds(now));
    }

    /// <summary>OpenAI's duration format (<c>1s</c>, <c>6m0s</c>), in whole seconds rounded up.</summary>
    internal static string ResetText(TimeSpan left)
    {
        var seconds = Math.Max(0, (long)Math.Ceiling(left.TotalSeconds));
        return seconds >= 60 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds}s";
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
