using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Telemetry;

internal sealed class TelemetryBatchConfiguration : IEntityTypeConfiguration<TelemetryBatch>
{
    public void Configure(EntityTypeBuilder<TelemetryBatch> builder)
    {
        builder.Property(b => b.IngestKeyId).HasMaxLength(64);
        builder.Property(b => b.ContentType).HasMaxLength(128);
        builder.Property(b => b.ContentEncoding).HasMaxLength(32);
        builder.Property(b => b.Error).HasMaxLength(1000);
        builder.HasOne<TelemetryConnection>().WithMany().HasForeignKey(b => b.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(b => new { b.ConnectionId, b.ReceivedAt });
        builder.HasIndex(b => b.ReceivedAt);
    }
}
