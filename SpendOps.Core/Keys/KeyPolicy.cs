namespace SpendOps.Core.Keys;

/// <summary>
/// What an API key may do. Empty lists mean "no restriction". Stored as one JSON column so a policy
/// change is one row update that the proxy's key cache picks up as a whole.
/// </summary>
public sealed record KeyPolicy
{
    /// <summary>Provider segments (<c>openai</c>, <c>anthropic</c>, ...) the key may call; empty allows all.</summary>
    public IReadOnlyList<string> AllowedProviders { get; init; } = [];

    /// <summary>Model patterns such as <c>claude-*</c> or <c>gpt-4.1*</c>; empty allows all.</summary>
    public IReadOnlyList<string> AllowedModels { get; init; } = [];

    /// <summary>Dimension names every request must carry (e.g. <c>user</c>).</summary>
    public IReadOnlyList<string> RequiredDims { get; init; } = [];

    /// <summary>
    /// When set, only these dimension names are accepted; a name mapped to a non-empty list only accepts
    /// those values. Null accepts any dimension.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? AllowedDims { get; init; }

    /// <summary>
    /// Add <c>stream_options.include_usage</c> to OpenAI-style chat streams that did not ask for it, so
    /// streamed calls are never recorded without usage; the extra usage chunk is hidden from the client.
    /// </summary>
    public bool InjectStreamUsage { get; init; }

    /// <summary>Requests the key may make per 60 s window; null takes the tenant's default (none when that is unset too).</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>
    /// Tokens (input + output + cache) of calls completed in the 60 s window after which the key is refused until the
    /// window moves on; null takes the tenant's default.
    /// </summary>
    public int? TokensPerMinute { get; init; }

    public static KeyPolicy Unrestricted { get; } = new();
}
