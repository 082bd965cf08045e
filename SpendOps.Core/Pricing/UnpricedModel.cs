namespace SpendOps.Core.Pricing;

/// <summary>
/// A model that calls were made with but no price is known for; <paramref name="Model"/> is null when the call named
/// none. <paramref name="Reported"/> of its <paramref name="Records"/> count at the cost their source reported; the
/// rest have no cost at all.
/// </summary>
public sealed record UnpricedModel(string Provider, string? Model, int Records, DateTimeOffset FirstSeen, DateTimeOffset LastSeen, int Reported = 0);
