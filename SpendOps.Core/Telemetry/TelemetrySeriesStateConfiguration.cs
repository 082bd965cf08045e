using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Telemetry;

internal sealed class TelemetrySeriesStateConfiguration : IEntityTypeConfiguration<TelemetrySeriesState>
{
    public void Configure(EntityTypeBuilder<TelemetrySeriesState> builder)
    {
        builder.Property(s => s.SeriesKey).HasMaxLength(64);
        builder.Property(s => s.MetricName).HasMaxLength(128);
        builder.Property(s => s.LastValue).HasPrecision(38, 10);
        // Unix nanoseconds pass long.MaxValue only in 2262; a signed column works on every engine.
        builder.Property(s => s.StartTimeUnixNano).HasConversion<long>();
        builder.Property(s => s.LastTimeUnixNano).HasConversion<long>();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne<TelemetryConnection>().WithMany().HasForeignKey(s => s.ConnectionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.ConnectionId, s.SeriesKey }).IsUnique();
        builder.HasIndex(s => s.UpdatedAt);
    }
}
