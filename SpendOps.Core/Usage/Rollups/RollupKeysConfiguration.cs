using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage.Rollups;

/// <summary>The columns both rollup tables share, sized like the usage record's.</summary>
internal static class RollupKeysConfiguration
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : UsageRollupKeys
    {
        builder.Property(r => r.Provider).HasMaxLength(32);
        builder.Property(r => r.Endpoint).HasMaxLength(64);
        builder.Property(r => r.ModelRequested).HasMaxLength(200);
        builder.Property(r => r.ModelReported).HasMaxLength(200);
        builder.Property(r => r.ApiKeyId).HasMaxLength(64);
        builder.Property(r => r.CostUsd).HasPrecision(24, 10);
        builder.Property(r => r.ProviderCostUsd).HasPrecision(24, 10);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(Microsoft.EntityFrameworkCore.DeleteBehavior.Restrict);
    }
}
