using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;

namespace SpendOps.Core.Keys;

internal sealed class IngestKeyConfiguration : IEntityTypeConfiguration<IngestKey>
{
    public void Configure(EntityTypeBuilder<IngestKey> builder)
    {
        builder.Property(k => k.Id).HasMaxLength(IngestKeyFormat.MaxIdLength);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.SecretHash).HasMaxLength(KeyHasher.StoredLength);
        builder.Property(k => k.SecretHint).HasMaxLength(8);
        builder.Property(k => k.CreatedBy).HasMaxLength(256);
        builder.Property(k => k.Scopes).HasJsonConversion().HasMaxLength(1000);
        builder.Ignore(k => k.DisplayHint);
        builder.HasOne(k => k.Tenant).WithMany().HasForeignKey(k => k.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TelemetryConnection>().WithMany().HasForeignKey(k => k.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(k => new { k.TenantId, k.Name });
    }
}
