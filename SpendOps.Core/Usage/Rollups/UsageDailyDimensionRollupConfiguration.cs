using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage.Rollups;

internal sealed class UsageDailyDimensionRollupConfiguration : IEntityTypeConfiguration<UsageDailyDimensionRollup>
{
    public void Configure(EntityTypeBuilder<UsageDailyDimensionRollup> builder)
    {
        RollupKeysConfiguration.Configure(builder);
        builder.Property(r => r.DimensionName).HasMaxLength(Dimensions.MaxNameLength);
        builder.Property(r => r.DimensionValue).HasMaxLength(Dimensions.MaxValueLength);
        builder.HasIndex(r => new { r.TenantId, r.DimensionName, r.Hour });
        builder.HasIndex(r => new { r.TenantId, r.Hour });
    }
}
