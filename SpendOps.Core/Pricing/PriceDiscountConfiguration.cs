using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Pricing;

internal sealed class PriceDiscountConfiguration : IEntityTypeConfiguration<PriceDiscount>
{
    public void Configure(EntityTypeBuilder<PriceDiscount> builder)
    {
        builder.Property(d => d.Provider).HasMaxLength(32);
        builder.Property(d => d.ModelPattern).HasMaxLength(200);
        builder.Property(d => d.Percent).HasPrecision(9, 4);
        builder.Property(d => d.Note).HasMaxLength(500);
        builder.Property(d => d.CreatedBy).HasMaxLength(256);
        builder.HasIndex(d => new { d.TenantId, d.EffectiveFrom });
    }
}
