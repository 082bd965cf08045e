using SpendOps.Core.Usage;

namespace SpendOps.Tests.Core.Usage;

/// <summary>Builds usage records for one tenant with the values a test cares about; the rest are plain defaults.</summary>
internal sealed class UsageSeed(Guid tenantId)
{
    private int next;

    public Guid TenantId { get; } = tenantId;

    public static UsageSeed NewTenant() => new(Guid.NewGuid());

    public UsageRecord Record(string utc, decimal? cost, string provider = "openai", string model = "gpt-4.1", params (string Name, string Value)[] dims) => new()
    {
        RequestId = $"{TenantId:N}-{++next}",
        TenantId = TenantId,
        Timestamp = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture),
        Provider = provider,
        Endpoint = "chat",
        ModelRequested = model,
        StatusCode = 200,
        UsageComplete = true,
        CostUsd = cost,
        PricingStatus = cost is null ? PricingStatus.Unpriced : PricingStatus.Priced,
        Dims = dims.ToDictionary(d => d.Name, d => d.Value),
    };
}
