namespace SpendOps.Core.Pricing;

/// <summary>The service tiers with their own catalog prices (OpenAI <c>service_tier</c>); everything else is standard.</summary>
internal static class ServiceTiers
{
    public const string Flex = "flex";
    public const string Priority = "priority";

    /// <summary>The tiers the catalog prices, by field suffix (<c>input_cost_per_token_flex</c>).</summary>
    public static readonly string[] Catalogued = [Flex, Priority];

    /// <summary>
    /// Null for the standard tier. Providers report it as <c>default</c>, <c>standard</c>, <c>auto</c> or
    /// <c>on_demand</c>; <c>scale</c> and <c>batch</c> have no catalog prices, so they are priced as standard.
    /// </summary>
    public static string? Normalize(string? tier) => tier?.Trim().ToLowerInvariant() switch
    {
        Flex => Flex,
        Priority => Priority,
        _ => null,
    };
}
