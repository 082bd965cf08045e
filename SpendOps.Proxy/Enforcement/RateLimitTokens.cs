using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Enforcement;

/// <summary>What a call counts against tokens per minute: every token its usage record holds.</summary>
internal static class RateLimitTokens
{
    public static long Of(TokenCounts t) =>
        t.PromptTokens + t.OutputTokens + t.AudioInputTokens + t.AudioOutputTokens + t.ImageInputTokens + t.ImageOutputTokens;
}
