using Microsoft.AspNetCore.Http;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Forwarding;

namespace SpendOps.Proxy.Auth;

/// <summary>
/// The proxy's checks before a call is forwarded, each returning the error to answer with or null. The live
/// pipeline (<see cref="ProxyRequestHandler"/>) and the portal's dry run (<see cref="ProxyDryRun"/>) both use
/// these, in this order: provider, key, provider allowed, dimensions, dimension policy, (body size), model.
/// </summary>
public static class RequestAdmission
{
    public static ProxyError UnknownProvider(string provider, IEnumerable<string> known) =>
        new(404, $"AI SpendOps: Unknown provider '{provider}'. Use /v1/{{provider}}/... with one of: {string.Join(", ", known)}", "aso_unknown_provider");

    /// <summary>403, not 401: Claude Code retries a 401 for minutes but shows a 403 at once.</summary>
    public static ProxyError? CheckKey(KeyResolution resolution) => resolution.Key is not null ? null : resolution.Failure switch
    {
        KeyFailure.Missing => new ProxyError(403, ProxyMessages.MissingKey, "aso_invalid_api_key"),
        KeyFailure.Format => new ProxyError(403, ProxyMessages.InvalidKeyFormat, "aso_invalid_api_key"),
        KeyFailure.Conflicting => new ProxyError(403, ProxyMessages.ConflictingKeys, "aso_invalid_api_key"),
        _ => new ProxyError(403, ProxyMessages.InvalidKeyUnknown, "aso_invalid_api_key"),
    };

    /// <summary>The key's provider list, then the attribution headers against the tenant's catalogue and the key's dimension policy.</summary>
    public static ProxyError? CheckPolicy(ResolvedKey key, TenantDimsPolicy tenantDims, string provider, IHeaderDictionary headers, out Dictionary<string, string> dims)
    {
        dims = [];
        if (!key.AllowsProvider(provider))
            return new ProxyError(403, ProxyMessages.ProviderNotAllowed, "aso_provider_not_allowed");
        if (!DimsParser.TryParse(headers, out dims, out var dimsError))
            return new ProxyError(400, dimsError!, "aso_invalid_dims");
        if (PolicyCheck.CheckDims(key, tenantDims, dims) is { } policyError)
            return new ProxyError(400, policyError, "aso_dims_policy");
        return null;
    }

    /// <summary>
    /// A key limited to some models only lets through requests whose model is known: a POST whose model cannot be
    /// read would otherwise slip past the allow-list. Reads (model lists, GETs of stored objects) carry no model.
    /// A body naming two different models is refused outright for such a key: the provider may run either one.
    /// </summary>
    public static ProxyError? CheckModel(ResolvedKey key, string? model, string method, bool modelAmbiguous = false)
    {
        if (!key.RestrictsModels)
            return null;
        if (modelAmbiguous)
            return new ProxyError(400, ProxyMessages.AmbiguousModel, "aso_ambiguous_model");
        var allowed = model is null ? HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsDelete(method) : key.AllowsModel(model);
        return allowed ? null : new ProxyError(403, ProxyMessages.ModelNotAllowed, "aso_model_not_allowed");
    }
}
