using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage.Rollups;

internal sealed class UsageDimensionRollupConfiguration : IEntityTypeConfiguration<UsageDimensionRollup>
{
    public void Configure(EntityTypeBuilder<UsageDimensionRollup> builder)
    {
        RollupKeysConfiguration.Configure(builder);
        builder.Property(r => r.DimensionName).HasMaxLength(Dimensions.MaxNameLength);
        builder.Property(r => r.DimensionValue).HasMaxLength(Dimensions.MaxValueLength);
        builder.HasIndex(r => new { r.TenantId, r.DimensionName, r.Hour });
        builder.HasIndex(r => new { r.TenantId, r.Hour });
    }
}
