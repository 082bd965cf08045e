using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>
/// How webhook bodies are signed: <c>X-SpendOps-Signature: v1=HEX</c>, HEX being the lower-case hex HMAC-SHA256, keyed
/// with <c>Alerts:Webhook:SigningSecret</c> (its UTF-8 bytes), of the UTF-8 text <c>TIMESTAMP.BODY</c>, where TIMESTAMP is
/// the <c>X-SpendOps-Timestamp</c> header (Unix seconds) and BODY the raw request body. The timestamp is signed too, so
/// a receiver that refuses timestamps older than a few minutes (<see cref="ReplayWindow"/>) cannot be replayed later.
/// README shows a receiver's check.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-SpendOps-Timestamp";
    public const string SignatureHeader = "X-SpendOps-Signature";
    public const string DeliveryHeader = "X-SpendOps-Delivery";
    public const string Version = "v1";

    /// <summary>The window receivers are told to accept; retries are signed anew, so it need not cover the backoff.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(5);

    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Version + "=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }
}
