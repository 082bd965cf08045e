namespace SpendOps.Proxy.Auth;

/// <summary>A call to evaluate without sending it: which key, which provider and path, which model and dimensions.</summary>
/// <param name="TenantId">The caller's tenant: a key of another tenant is treated as unknown.</param>
/// <param name="KeyId">The key to test. Its secret is not stored, so without <see cref="FullKey"/> the secret is not checked.</param>
/// <param name="Provider">The <c>/v1/{provider}</c> segment.</param>
/// <param name="ProviderPath">The provider's own path, e.g. <c>/v1/chat/completions</c>.</param>
/// <param name="Model">The <c>model</c> of the request body (Gemini's model in the path wins, as in the proxy).</param>
/// <param name="Dims">The <c>X-ASO-Dims</c> header value, e.g. <c>team=backend,env=prod</c>.</param>
public sealed record DryRunRequest(Guid TenantId, string KeyId, string Provider, string ProviderPath, string? Model, string? Dims)
{
    /// <summary>The full <c>aso_k_{id}.{secret}</c> key, when the caller has it; then the secret is checked too and its id is used.</summary>
    public string? FullKey { get; init; }

    public string Method { get; init; } = "POST";
}
