using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;

namespace SpendOps.Proxy.Telemetry;

/// <summary>
/// Checks <c>Authorization: Bearer ss_live_{id}.{secret}</c> against the stored keyed hash (<see cref="KeyHasher"/>). Keys are read from the
/// database on every request (exports come every few seconds per user, one primary-key lookup is cheap), so a
/// revocation or rotation takes effect at once on every instance.
/// </summary>
internal sealed class IngestKeyAuthenticator(SpendOpsDbContext db, KeyHasher hasher)
{
    private const string BearerPrefix = "Bearer ";

    public async Task<IngestKeyCheck> AuthenticateAsync(string? authorization, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(authorization))
            return IngestKeyCheck.Fail(IngestKeyFailure.Missing, "Missing Authorization header. Send 'Authorization: Bearer ss_live_...' (in OTEL_EXPORTER_OTLP_HEADERS: Authorization=Bearer ss_live_...).");
        var value = authorization.Trim();
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
            return IngestKeyCheck.Fail(IngestKeyFailure.Malformed, "The Authorization header must be 'Bearer <ingest key>', with a space between Bearer and the key.");
        var bearer = value.AsSpan(BearerPrefix.Length).Trim();
        // A proxy key is a real key in the wrong place, not an unknown one: say which key to use instead.
        if (bearer.StartsWith(ApiKeyFormat.Prefix, StringComparison.Ordinal))
            return IngestKeyCheck.Fail(IngestKeyFailure.ProxyKey,
                "Invalid scope: this is a proxy key (aso_k_...), which cannot write telemetry. Use an ingest key (ss_live_...) with the usage:write scope: " +
                "create one on the Telemetry page of the portal or with the connections create command, and send it as Authorization: Bearer ss_live_...");
        if (!IngestKeyFormat.TryParse(bearer, out var id, out var secretSpan))
            return IngestKeyCheck.Fail(IngestKeyFailure.Unknown, "Unknown ingest key. Check that the whole key was copied; keys start with ss_live_.");
        var secret = secretSpan.ToString();

        var key = await db.IngestKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
        if (key is null || !hasher.Verify(key.Id, secret, key.SecretHash))
            return IngestKeyCheck.Fail(IngestKeyFailure.Unknown, "Unknown ingest key. Check that the whole key was copied, or rotate it to get a new one.");
        if (key.Status != IngestKeyStatus.Active)
            return IngestKeyCheck.Fail(IngestKeyFailure.Revoked, "This ingest key was revoked. Create a new key with the usage:write scope.");
        return new IngestKeyCheck(key, IngestKeyFailure.None, null);
    }
}
