using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Data;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Tenancy;

internal sealed class TenantDimensionConfiguration : IEntityTypeConfiguration<TenantDimension>
{
    public void Configure(EntityTypeBuilder<TenantDimension> builder)
    {
        builder.HasKey(d => new { d.TenantId, d.Name });
        builder.Property(d => d.Name).HasMaxLength(Dimensions.MaxNameLength);
        builder.Property(d => d.Description).HasMaxLength(TenantDimsRules.MaxDescriptionLength);
        builder.Property(d => d.UpdatedBy).HasMaxLength(256);
        builder.Property(d => d.AllowedValues).HasJsonConversion();
        builder.HasOne(d => d.Tenant).WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
