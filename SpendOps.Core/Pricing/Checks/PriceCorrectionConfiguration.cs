using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Pricing.Checks;

internal sealed class PriceCorrectionConfiguration : IEntityTypeConfiguration<PriceCorrection>
{
    public void Configure(EntityTypeBuilder<PriceCorrection> builder)
    {
        builder.Property(c => c.Provider).HasMaxLength(32);
        builder.Property(c => c.ModelKey).HasMaxLength(200);
        builder.Property(c => c.ServiceTier).HasMaxLength(16);
        builder.Property(c => c.Field).HasMaxLength(64);
        builder.Property(c => c.Rule).HasMaxLength(500);
        builder.Property(c => c.CatalogValue).HasPrecision(PricePrecision.Precision, PricePrecision.Scale);
        builder.Property(c => c.CorrectedValue).HasPrecision(PricePrecision.Precision, PricePrecision.Scale);
        builder.HasOne(c => c.Price).WithMany().HasForeignKey(c => c.PriceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ModelPrice>().WithMany().HasForeignKey(c => c.ReplacedPriceId).OnDelete(DeleteBehavior.Restrict);
    }
}
