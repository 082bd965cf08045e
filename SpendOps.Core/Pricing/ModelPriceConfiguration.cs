using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Pricing;

internal sealed class ModelPriceConfiguration : IEntityTypeConfiguration<ModelPrice>
{
    public void Configure(EntityTypeBuilder<ModelPrice> builder)
    {
        builder.Property(p => p.Provider).HasMaxLength(32);
        builder.Property(p => p.ModelKey).HasMaxLength(200);
        builder.Property(p => p.ServiceTier).HasMaxLength(16);
        builder.Property(p => p.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Note).HasMaxLength(500);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);

        foreach (var property in builder.Metadata.GetProperties().Where(p => p.ClrType == typeof(decimal) || p.ClrType == typeof(decimal?)))
        {
            property.SetPrecision(PricePrecision.Precision);
            property.SetScale(PricePrecision.Scale);
        }

        builder.HasIndex(p => new { p.ModelKey, p.EffectiveFrom });
        builder.HasIndex(p => new { p.TenantId, p.ModelKey });
    }
}
