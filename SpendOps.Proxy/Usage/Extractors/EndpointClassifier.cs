using SpendOps.Core.Providers;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// Names a proxied call and decides whether it is billable and which extractor reads it, from the provider, the
/// HTTP method and the provider path (what follows <c>/v1/{provider}</c>, query string allowed).
/// </summary>
/// <remarks>
/// OpenAI-compatible providers put the same API under different prefixes (providers.md §0.1): <c>/v1</c>,
/// nothing (Perplexity, DeepSeek), <c>/openai/v1</c> or <c>/v3/openai</c> (Novita), <c>/v1/openai</c> (DeepInfra),
/// <c>/v1beta/openai</c> (Gemini's OpenAI surface). One prefix is stripped and the rest is matched. Only POSTs are
/// billable: every GET, HEAD or DELETE reads or removes something and costs nothing.
/// </remarks>
internal static class EndpointClassifier
{
    private static readonly string[] OpenAiPrefixes = ["/v1beta/openai", "/openai/v1", "/v3/openai", "/v1/openai", "/anthropic/v1", "/openai", "/anthropic", "/v1"];

    private static readonly EndpointInfo ChatCompletions = new("chat.completions", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo Completions = new("completions", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo FimCompletions = new("fim.completions", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo AgentCompletions = new("agents.completions", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo Responses = new("responses", true, UsageFormat.OpenAiResponses);
    private static readonly EndpointInfo ResponsesInputTokens = new("responses.input_tokens", false, UsageFormat.None);
    private static readonly EndpointInfo Embeddings = new("embeddings", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo Images = new("images", true, UsageFormat.OpenAiImages);
    private static readonly EndpointInfo Transcriptions = new("audio.transcriptions", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo Translations = new("audio.translations", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo Speech = new("audio.speech", true, UsageFormat.None);
    private static readonly EndpointInfo FreeModerations = new("moderations", false, UsageFormat.None);
    private static readonly EndpointInfo PaidModerations = new("moderations", true, UsageFormat.OpenAi);
    private static readonly EndpointInfo Ocr = new("ocr", true, UsageFormat.None);
    private static readonly EndpointInfo Search = new("search", true, UsageFormat.None);
    private static readonly EndpointInfo Messages = new("messages", true, UsageFormat.Anthropic);
    private static readonly EndpointInfo MessagesCountTokens = new("messages.count_tokens", false, UsageFormat.None);
    private static readonly EndpointInfo LegacyComplete = new("complete", true, UsageFormat.None);
    private static readonly EndpointInfo Models = new("models", false, UsageFormat.None);
    private static readonly EndpointInfo Files = new("files", false, UsageFormat.None);
    private static readonly EndpointInfo Batches = new("batches", false, UsageFormat.None);
    private static readonly EndpointInfo Tokenize = new("tokenize", false, UsageFormat.None);
    private static readonly EndpointInfo OtherPost = new("other", true, UsageFormat.None);
    private static readonly EndpointInfo OtherRead = new("other", false, UsageFormat.None);

    public static EndpointInfo Classify(ProviderInfo provider, string method, string path)
    {
        var p = path.AsSpan();
        var query = p.IndexOf('?');
        if (query >= 0)
            p = p[..query];
        p = p.TrimEnd('/');
        if (p.IsEmpty || p[0] != '/')
            p = $"/{p}";

        var info = provider.Family == ProviderFamily.Gemini && TryGemini(p) is { } gemini ? gemini : OpenAiCompatible(provider, p);
        if (!string.Equals(method, "POST", StringComparison.OrdinalIgnoreCase) && info.Billable)
            return info.Name == "other" ? OtherRead : info with { Billable = false, Format = UsageFormat.None };
        return info;
    }

    private static EndpointInfo OpenAiCompatible(ProviderInfo provider, ReadOnlySpan<char> path)
    {
        var rest = path;
        var prefix = ReadOnlySpan<char>.Empty;
        foreach (var candidate in OpenAiPrefixes)
        {
            if (path.StartsWith(candidate, StringComparison.Ordinal) && (path.Length == candidate.Length || path[candidate.Length] == '/'))
            {
                prefix = candidate;
                rest = path[candidate.Length..];
                break;
            }
        }

        switch (rest)
        {
            case "/chat/completions":
                return ChatCompletions;
            case "/completions":
                return Completions;
            case "/fim/completions" or "/beta/completions":
                return FimCompletions;
            case "/agents/completions":
                return AgentCompletions;
            case "/responses":
                return Responses;
            case "/responses/input_tokens":
                return ResponsesInputTokens;
            case "/embeddings":
                return Embeddings;
            case "/images/generations" or "/images/edits" or "/images/variations":
                return Images;
            case "/audio/transcriptions":
                return Transcriptions;
            case "/audio/translations":
                return Translations;
            case "/audio/speech":
                return Speech;
            case "/moderations" or "/chat/moderations":
                // OpenAI's moderation endpoint is free; Mistral's is billed per token.
                return provider.Name == "openai" ? FreeModerations : PaidModerations;
            case "/ocr":
                return Ocr;
            case "/search":
                return Search;
            case "/complete" when provider.Family == ProviderFamily.Anthropic:
                return LegacyComplete;
            case "/tokenize-text" or "/tokenize":
                return Tokenize;
        }

        // Anthropic-compatible surfaces: /v1/messages (Anthropic, xAI), /anthropic/v1/messages (DeepSeek). OpenAI's
        // /v1/threads/{id}/messages (Assistants) must not match, hence the exact comparison.
        if (rest is "/messages" && (prefix is "/v1" or "/anthropic/v1" or "/anthropic" || prefix.IsEmpty))
            return Messages;
        if (rest is "/messages/count_tokens")
            return MessagesCountTokens;
        if (IsUnder(rest, "/models"))
            return Models;
        if (IsUnder(rest, "/files"))
            return Files;
        if (IsUnder(rest, "/batches") || IsUnder(rest, "/messages/batches"))
            return Batches;
        if (rest.StartsWith("/inference/", StringComparison.Ordinal) && rest.Length > "/inference/".Length)
            return new EndpointInfo("inference", true, UsageFormat.None, rest["/inference/".Length..].ToString());
        return OtherPost;
    }

    // /v1beta/models/{model}:{method}, /v1/models/..., /v1beta/tunedModels/{model}:{method}.
    private static EndpointInfo? TryGemini(ReadOnlySpan<char> path)
    {
        var rest = path[1..];
        if (rest.StartsWith("upload/", StringComparison.Ordinal))
            rest = rest["upload/".Length..];
        var slash = rest.IndexOf('/');
        if (slash < 0 || !rest.StartsWith("v1", StringComparison.Ordinal))
            return null;
        rest = rest[(slash + 1)..];
        if (rest is "models")
            return Models;

        var isTuned = rest.StartsWith("tunedModels/", StringComparison.Ordinal);
        if (!isTuned && !rest.StartsWith("models/", StringComparison.Ordinal))
            return rest.StartsWith("files", StringComparison.Ordinal) ? Files : null;
        rest = rest[(isTuned ? "tunedModels/".Length : "models/".Length)..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0)
            return Models;

        var model = rest[..colon].ToString();
        return rest[(colon + 1)..] switch
        {
            "generateContent" => new EndpointInfo("generateContent", true, UsageFormat.Gemini, model),
            "streamGenerateContent" => new EndpointInfo("streamGenerateContent", true, UsageFormat.Gemini, model),
            "embedContent" => new EndpointInfo("embedContent", true, UsageFormat.Gemini, model),
            "batchEmbedContents" => new EndpointInfo("batchEmbedContents", true, UsageFormat.Gemini, model),
            "countTokens" => new EndpointInfo("countTokens", false, UsageFormat.None, model),
            "predict" or "predictLongRunning" => new EndpointInfo("predict", true, UsageFormat.None, model),

            // Batch mode is billed later, when the batch runs; the submission itself costs nothing.
            "batchGenerateContent" or "asyncBatchEmbedContent" => new EndpointInfo("batches", false, UsageFormat.None, model),
            _ => new EndpointInfo("other", true, UsageFormat.None, model),
        };
    }

    private static bool IsUnder(ReadOnlySpan<char> path, string root) =>
        path.StartsWith(root, StringComparison.Ordinal) && (path.Length == root.Length || path[root.Length] == '/');
}
