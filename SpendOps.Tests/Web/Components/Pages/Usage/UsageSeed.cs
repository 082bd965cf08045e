using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Web.Components.Pages.Usage;

/// <summary>Usage records for the usage pages' component tests: a successful proxied call in March 2026 unless a test says otherwise.</summary>
internal static class UsageSeed
{
    public static readonly DateTimeOffset March = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The explorer's address for all of March 2026 (the period every seeded record falls in).</summary>
    public const string MarchAddress = "usage?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z";

    public static UsageRecord Record(Guid tenantId, string requestId, DateTimeOffset? at = null) => new()
    {
        RequestId = requestId,
        TenantId = tenantId,
        Timestamp = at ?? March,
        Provider = "openai",
        Endpoint = "chat/completions",
        ModelRequested = "gpt-4.1",
        StatusCode = 200,
        UsageComplete = true,
        Source = UsageSource.Proxy,
        PricingStatus = PricingStatus.Unpriced,
    };

    public static async Task AddAsync(SpendOpsDbContext db, params UsageRecord[] records)
    {
        foreach (var record in records)
        {
            record.DimensionRows = record.Dims.Select(d => new UsageDimension { Name = d.Key, Value = d.Value }).ToList();
            db.UsageRecords.Add(record);
        }
        await db.SaveChangesAsync();
    }
}
