using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage;

internal sealed class UsageDimensionConfiguration : IEntityTypeConfiguration<UsageDimension>
{
    public void Configure(EntityTypeBuilder<UsageDimension> builder)
    {
        builder.HasKey(d => new { d.UsageRecordId, d.Name });
        builder.Property(d => d.Name).HasMaxLength(Dimensions.MaxNameLength);
        builder.Property(d => d.Value).HasMaxLength(Dimensions.MaxValueLength);
        builder.HasIndex(d => new { d.Name, d.Value });
    }
}
