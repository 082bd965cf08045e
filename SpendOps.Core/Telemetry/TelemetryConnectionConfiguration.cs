using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Telemetry;

internal sealed class TelemetryConnectionConfiguration : IEntityTypeConfiguration<TelemetryConnection>
{
    public void Configure(EntityTypeBuilder<TelemetryConnection> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.Property(c => c.Source)
            .HasConversion(s => TelemetrySourceNames.ToName(s), s => ParseSource(s))
            .HasMaxLength(32);
        builder.Ignore(c => c.EndpointPath);
        builder.HasOne(c => c.Tenant).WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.TenantId, c.Name });
    }

    private static TelemetrySource ParseSource(string name) =>
        TelemetrySourceNames.TryParse(name, out var source) ? source.Value : TelemetrySource.ClaudeCode;
}
