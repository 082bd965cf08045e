namespace SpendOps.Core.Providers;

/// <summary>
/// One upstream the proxy serves at <c>/v1/{Name}/...</c>. <see cref="PriceKeyPrefix"/> is how the public
/// price catalog prefixes this provider's models (<c>groq/llama-3.3-70b-versatile</c>).
/// </summary>
public sealed record ProviderInfo(string Name, string DisplayName, ProviderFamily Family, string DefaultBaseUrl, string? PriceKeyPrefix);
