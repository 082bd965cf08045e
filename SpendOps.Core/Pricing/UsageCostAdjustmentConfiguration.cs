using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Pricing;

internal sealed class UsageCostAdjustmentConfiguration : IEntityTypeConfiguration<UsageCostAdjustment>
{
    public void Configure(EntityTypeBuilder<UsageCostAdjustment> builder)
    {
        builder.Property(a => a.Provider).HasMaxLength(32);
        builder.Property(a => a.Model).HasMaxLength(200);
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.CostBeforeUsd).HasPrecision(20, 10);
        builder.Property(a => a.CostAfterUsd).HasPrecision(20, 10);
        builder.Property(a => a.DeltaUsd).HasPrecision(20, 10);
        builder.HasOne<UsageRecord>().WithMany().HasForeignKey(a => a.UsageRecordId).OnDelete(DeleteBehavior.Cascade);
        // "Adjustments made in [from, to) for a tenant": the FOCUS export of a period asks exactly this.
        builder.HasIndex(a => new { a.TenantId, a.AdjustedAt });
        builder.HasIndex(a => a.AdjustedAt);
    }
}
