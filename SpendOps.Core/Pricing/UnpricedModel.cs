namespace SpendOps.Core.Pricing;

/// <summary>A model that calls were made with but no price is known for; <paramref name="Model"/> is null when the call named none.</summary>
public sealed record UnpricedModel(string Provider, string? Model, int Records, DateTimeOffset FirstSeen, DateTimeOffset LastSeen);
