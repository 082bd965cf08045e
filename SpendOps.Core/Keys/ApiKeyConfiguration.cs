using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Data;

namespace SpendOps.Core.Keys;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.Property(k => k.Id).HasMaxLength(ApiKeyFormat.MaxIdLength);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.SecretHash).HasMaxLength(KeyHasher.StoredLength);
        builder.Property(k => k.SecretHint).HasMaxLength(8);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Property(k => k.Policy).HasJsonConversion();
        builder.HasOne(k => k.Tenant).WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(k => new { k.TenantId, k.Name });
        builder.HasIndex(k => k.ChangeVersion);
    }
}
