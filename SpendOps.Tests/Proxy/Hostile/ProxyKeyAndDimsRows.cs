using static SpendOps.Tests.Proxy.Hostile.HostileCase;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>
/// Generated hostile rows for the proxy: every provider with every malformed key form, and every malformed
/// attribution header on each error shape (OpenAI, Anthropic, Gemini). Each row states its answer.
/// </summary>
public static class ProxyKeyAndDimsRows
{
    public const string MissingKey = "AI SpendOps: Missing X-ASO-API-Key";
    public const string KeyFormat = "AI SpendOps: Invalid X-ASO-API-Key (format)";
    public const string KeyUnknown = "AI SpendOps: Invalid X-ASO-API-Key (unknown)";
    public const string ConflictingKeys = "AI SpendOps: Invalid X-ASO-API-Key (send exactly one key)";

    private const string Json = "Content-Type: application/json";
    private const string Body = "{\"model\":\"gpt-4.1\",\"messages\":[]}";

    /// <summary>Every provider, a path of its main API and the error shape its SDK reads.</summary>
    public static readonly (string Provider, string Path, HostileEnvelope Envelope)[] Providers =
    [
        ("openai", "/v1/chat/completions", HostileEnvelope.OpenAi),
        ("anthropic", "/v1/messages", HostileEnvelope.Anthropic),
        ("google", "/v1beta/models/gemini-2.5-flash:generateContent", HostileEnvelope.Gemini),
        ("openrouter", "/v1/chat/completions", HostileEnvelope.OpenAi),
        ("xai", "/v1/chat/completions", HostileEnvelope.OpenAi),
        ("groq", "/v1/chat/completions", HostileEnvelope.OpenAi),
        ("deepinfra", "/v1/openai/chat/completions", HostileEnvelope.OpenAi),
        ("novita", "/v3/openai/chat/completions", HostileEnvelope.OpenAi),
        ("fireworks", "/v1/chat/completions", HostileEnvelope.OpenAi),
        ("perplexity", "/chat/completions", HostileEnvelope.OpenAi),
        ("cerebras", "/v1/chat/completions", HostileEnvelope.OpenAi),
        ("mistral", "/v1/chat/completions", HostileEnvelope.OpenAi),
        ("deepseek", "/chat/completions", HostileEnvelope.OpenAi),
        ("nebius", "/v1/chat/completions", HostileEnvelope.OpenAi),
    ];

    /// <summary>Key headers that authenticate nobody, and what the client is told.</summary>
    private static readonly (string Form, string[] Headers, string Message)[] KeyForms =
    [
        ("no key", [], MissingKey),
        ("an empty key field", ["X-ASO-API-Key: "], MissingKey),
        ("a key field holding only commas", ["X-ASO-API-Key: , ,"], MissingKey),
        ("a provider's own key", ["X-ASO-API-Key: sk-proj-abc123"], KeyFormat),
        ("the key prefix alone", ["X-ASO-API-Key: aso_k_"], KeyFormat),
        ("a key without its secret", ["X-ASO-API-Key: aso_k_kabc."], KeyFormat),
        ("a key with a bad character", ["X-ASO-API-Key: aso_k_ka$c.secret"], KeyFormat),
        ("a key with a Bearer prefix", ["X-ASO-API-Key: Bearer {key}"], KeyFormat),
        ("a key with an unknown id", ["X-ASO-API-Key: aso_k_kbogus.secret"], KeyUnknown),
        ("the right id with a wrong secret", ["X-ASO-API-Key: {wrongSecret}"], KeyUnknown),
        ("two keys in two fields", ["X-ASO-API-Key: {key}", "X-ASO-API-Key: {other}"], ConflictingKeys),
        ("two keys in one field", ["X-ASO-API-Key: {key},{other}"], ConflictingKeys),
    ];

    /// <summary>Attribution headers that are refused (400 aso_invalid_dims), each with the exact message.</summary>
    private static readonly (string Form, string[] Headers, string Message)[] BadDims =
    [
        ("a pair without =", ["X-ASO-Dims: team"], "AI SpendOps: Invalid X-ASO-Dims: 'team' is not name=value (expected e.g. team=backend,env=prod)"),
        ("a LiteLLM-style pair", ["X-ASO-Dims: team:web"], "AI SpendOps: Invalid X-ASO-Dims: 'team:web' is not name=value (expected e.g. team=backend,env=prod)"),
        ("a long pair without =", ["X-ASO-Dims: " + new string('p', 60)], $"AI SpendOps: Invalid X-ASO-Dims: '{new string('p', 40)}…' is not name=value (expected e.g. team=backend,env=prod)"),
        ("an empty name", ["X-ASO-Dims: =web"], "AI SpendOps: Invalid X-ASO-Dims: dimension name '' must be 1 to 64 letters, digits, '_', '-' or '.'"),
        ("a name with a space", ["X-ASO-Dims: te am=web"], "AI SpendOps: Invalid X-ASO-Dims: dimension name 'te am' must be 1 to 64 letters, digits, '_', '-' or '.'"),
        ("a name with a slash", ["X-ASO-Dims: team/x=web"], "AI SpendOps: Invalid X-ASO-Dims: dimension name 'team/x' must be 1 to 64 letters, digits, '_', '-' or '.'"),
        ("a 65-character name", ["X-ASO-Dims: " + new string('n', 65) + "=web"], $"AI SpendOps: Invalid X-ASO-Dims: dimension name '{new string('n', 40)}…' must be 1 to 64 letters, digits, '_', '-' or '.'"),
        ("an empty value", ["X-ASO-Dims: team="], "AI SpendOps: Invalid X-ASO-Dims: dimension 'team' has an empty value"),
        ("a 257-character value", ["X-ASO-Dims: team=" + new string('v', 257)], "AI SpendOps: Invalid X-ASO-Dims: the value of 'team' must be at most 256 printable characters"),
        ("a value with a tab", ["X-ASO-Dims: team=a\tb"], "AI SpendOps: Invalid X-ASO-Dims: the value of 'team' must be at most 256 printable characters"),
        ("a dimension twice in one field", ["X-ASO-Dims: team=web,team=api"], "AI SpendOps: Invalid X-ASO-Dims: dimension 'team' is given twice"),
        ("a dimension twice in another letter case", ["X-ASO-Dims: team=web,TEAM=api"], "AI SpendOps: Invalid X-ASO-Dims: dimension 'TEAM' is given twice"),
        ("33 dimensions", ["X-ASO-Dims: " + Pairs(0, 33, '=')], "AI SpendOps: Invalid X-ASO-Dims: at most 32 dimensions per request"),
        ("33 dimensions over two fields", ["X-ASO-Dims: " + Pairs(0, 17, '='), "X-ASO-Dims: " + Pairs(17, 16, '=')], "AI SpendOps: Invalid X-ASO-Dims: at most 32 dimensions per request"),
        ("33 dimensions from X-ASO-Dims and LiteLLM tags", ["X-ASO-Dims: " + Pairs(0, 20, '='), "x-litellm-tags: " + Pairs(20, 13, ':')], "AI SpendOps: Invalid X-ASO-Dims: at most 32 dimensions per request"),
        ("a LiteLLM tag with an empty value", ["x-litellm-tags: project:"], "AI SpendOps: Invalid x-litellm-tags: dimension 'project' has an empty value"),
        ("a LiteLLM tag with an empty name", ["x-litellm-tags: :acme"], "AI SpendOps: Invalid x-litellm-tags: dimension name '' must be 1 to 64 letters, digits, '_', '-' or '.'"),
        ("a LiteLLM tag twice", ["x-litellm-tags: env:prod,env:dev"], "AI SpendOps: Invalid x-litellm-tags: dimension 'env' is given twice"),
        ("a 257-character customer id", ["x-litellm-customer-id: " + new string('c', 257)], "AI SpendOps: Invalid x-litellm-customer-id: the value must be 1 to 256 printable characters"),
        ("a customer id with a tab", ["x-litellm-customer-id: acme\tcorp"], "AI SpendOps: Invalid x-litellm-customer-id: the value must be 1 to 256 printable characters"),
        ("two different end-user ids", ["x-litellm-end-user-id: alice", "x-litellm-end-user-id: bob"], "AI SpendOps: Invalid x-litellm-end-user-id: sent more than once with different values; send it once"),
    ];

    /// <summary>Attribution headers that look odd but are valid: the call is forwarded.</summary>
    private static readonly (string Form, string[] Headers)[] GoodDims =
    [
        ("a value holding =", ["X-ASO-Dims: team=a=b"]),
        ("empty list entries", ["X-ASO-Dims: ,,team=web,,"]),
        ("spaces around names and values", ["X-ASO-Dims:  team = web , env = prod "]),
        ("exactly 32 dimensions", ["X-ASO-Dims: " + Pairs(0, 32, '=')]),
        ("the same customer id twice", ["x-litellm-customer-id: acme", "x-litellm-customer-id: acme"]),
        ("a LiteLLM tag and X-ASO-Dims naming one dimension", ["X-ASO-Dims: env=prod", "x-litellm-tags: env:dev,bare-tag"]),
    ];

    public static IEnumerable<KeyValuePair<string, HostileCase>> All()
    {
        foreach (var (provider, path, envelope) in Providers)
        {
            foreach (var (form, headers, message) in KeyForms)
            {
                yield return new($"{provider}: {form}", new HostileCase(Post($"/v1/{provider}{path}", [Json, .. headers]), Text(Body), 403, "aso_invalid_api_key", message)
                {
                    Envelope = envelope,
                });
            }
        }

        foreach (var (provider, path, envelope) in Providers.Where(p => p.Provider is "openai" or "anthropic" or "google"))
        {
            foreach (var (form, headers, message) in BadDims)
            {
                yield return new($"{provider} dims: {form}", new HostileCase(Post($"/v1/{provider}{path}", [Json, "X-ASO-API-Key: {key}", .. headers]), Text(Body), 400, "aso_invalid_dims", message)
                {
                    Envelope = envelope,
                });
            }
            foreach (var (form, headers) in GoodDims)
                yield return new($"{provider} dims: {form}", new HostileCase(Post($"/v1/{provider}{path}", [Json, "X-ASO-API-Key: {key}", .. headers]), Text(Body), 200, null, null, path));
        }
    }

    /// <summary><paramref name="count"/> distinct pairs <c>d{n}{separator}v</c>, comma-joined.</summary>
    private static string Pairs(int first, int count, char separator) =>
        string.Join(',', Enumerable.Range(first, count).Select(n => $"d{n}{separator}v"));
}
