using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Alerts;

internal sealed class AlertDeliveryConfiguration : IEntityTypeConfiguration<AlertDelivery>
{
    public const int MaxErrorLength = 1000;

    public void Configure(EntityTypeBuilder<AlertDelivery> builder)
    {
        builder.Property(d => d.Recipient).HasMaxLength(2048);
        builder.Property(d => d.BudgetName).HasMaxLength(200);
        builder.Property(d => d.LastError).HasMaxLength(MaxErrorLength);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        // The dispatcher's scan for due work, and the portal's log (newest first, optionally by status).
        builder.HasIndex(d => new { d.Status, d.NextAttemptAt });
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt });
        builder.HasIndex(d => d.AlertId);
    }
}
