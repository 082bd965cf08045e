using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Forwarding;
using SpendOps.Proxy.Usage.Extractors;
using Yarp.ReverseProxy.Forwarder;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// Answers "what would the proxy say to this call?" for the portal's key test, without calling the provider. It runs
/// the live pipeline's checks (<see cref="RequestAdmission"/>) in the same order, on the key and the tenant's
/// dimension catalogue as they are saved now;
/// the proxies pick up the same state within <c>Proxy:KeyCacheRefreshSeconds</c>.
/// </summary>
public sealed class ProxyDryRun(IDbContextFactory<SpendOpsDbContext> contexts, UpstreamCatalog upstreams, KeyHasher hasher, TimeProvider clock)
{
    private static readonly IReadOnlyDictionary<string, string> NoDims = new Dictionary<string, string>();

    public async Task<DryRunResult> EvaluateAsync(DryRunRequest request, CancellationToken cancellationToken)
    {
        var upstream = upstreams.Find(request.Provider);
        if (upstream is null)
            return Rejected(Core.Providers.ProviderFamily.OpenAi, RequestAdmission.UnknownProvider(request.Provider, upstreams.All.Select(u => u.Info.Name)), secretChecked: false);

        var path = request.ProviderPath.StartsWith('/') ? request.ProviderPath : "/" + request.ProviderPath;
        var family = ErrorEnvelope.FamilyFor(upstream.Info.Family, path);
        var secretChecked = request.FullKey is not null;
        var resolution = await ResolveAsync(request, cancellationToken);
        if (RequestAdmission.CheckKey(resolution) is { } keyError)
            return Rejected(family, keyError, secretChecked);
        var key = resolution.Key!;

        var headers = new HeaderDictionary();
        if (!string.IsNullOrWhiteSpace(request.Dims))
            headers[ProxyHeaders.Dims] = request.Dims;
        var tenantDims = await TenantDimsAsync(key.TenantId, cancellationToken);
        if (RequestAdmission.CheckPolicy(key, tenantDims, upstream.Info.Name, headers, out var dims) is { } policyError)
            return Rejected(family, policyError, secretChecked);

        var model = EndpointClassifier.Classify(upstream.Info, request.Method, path).PathModel ?? (string.IsNullOrWhiteSpace(request.Model) ? null : request.Model.Trim());
        if (RequestAdmission.CheckModel(key, model, request.Method) is { } modelError)
            return Rejected(family, modelError, secretChecked);

        var target = RequestUtilities.MakeDestinationAddress(upstream.BaseUrl, new PathString(path), QueryString.Empty);
        return new DryRunResult(null, null, target.ToString(), secretChecked, dims);
    }

    /// <summary>Like <see cref="ApiKeyResolver.ResolveAsync"/>, but from the database and without counting as a use of the key.</summary>
    private async Task<KeyResolution> ResolveAsync(DryRunRequest request, CancellationToken cancellationToken)
    {
        var id = request.KeyId;
        if (request.FullKey is not null)
        {
            if (string.IsNullOrWhiteSpace(request.FullKey))
                return KeyResolution.Fail(KeyFailure.Missing);
            if (!ApiKeyFormat.TryParse(request.FullKey, out var parsedId, out _))
                return KeyResolution.Fail(KeyFailure.Format);
            id = parsedId;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Id == id && k.TenantId == request.TenantId)
            .Select(k => new { Key = k, TenantName = k.Tenant!.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (row is null)
            return KeyResolution.Fail(KeyFailure.Unknown);

        var key = new ResolvedKey(row.Key, row.TenantName);
        return IsAccepted(key, request.FullKey, clock.GetUtcNow()) ? new KeyResolution(key, KeyFailure.None) : KeyResolution.Fail(KeyFailure.Unknown);
    }

    private async Task<TenantDimsPolicy> TenantDimsAsync(Guid tenantId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return new TenantDimsPolicy(await db.TenantDimensions.AsNoTracking().Where(d => d.TenantId == tenantId).ToListAsync(cancellationToken));
    }

    private bool IsAccepted(ResolvedKey key, string? fullKey, DateTimeOffset now)
    {
        if (fullKey is null)
            return key.IsUsableAt(now);
        ApiKeyFormat.TryParse(fullKey, out _, out var secret);
        return key.Accepts(secret, now, hasher);
    }

    private static DryRunResult Rejected(Core.Providers.ProviderFamily family, ProxyError error, bool secretChecked) =>
        new(error, ErrorEnvelope.ToJson(family, error), null, secretChecked, NoDims);
}
