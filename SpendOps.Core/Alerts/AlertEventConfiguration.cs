using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Budgets;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Alerts;

internal sealed class AlertEventConfiguration : IEntityTypeConfiguration<AlertEvent>
{
    public void Configure(EntityTypeBuilder<AlertEvent> builder)
    {
        builder.Property(a => a.BudgetName).HasMaxLength(100);
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        builder.Property(a => a.SpendUsd).HasPrecision(20, 10);
        builder.Property(a => a.AmountUsd).HasPrecision(20, 10);
        builder.Property(a => a.ForecastUsd).HasPrecision(20, 10);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Budget>().WithMany().HasForeignKey(a => a.BudgetId).OnDelete(DeleteBehavior.SetNull);

        // The guard against firing twice: evaluations racing on several instances both try to insert, one wins.
        builder.HasIndex(a => new { a.BudgetId, a.PeriodStart, a.Kind, a.ThresholdPercent }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.RaisedAt });
    }
}
