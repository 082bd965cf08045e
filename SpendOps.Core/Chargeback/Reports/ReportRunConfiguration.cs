using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Chargeback.Reports;

internal sealed class ReportRunConfiguration : IEntityTypeConfiguration<ReportRun>
{
    public void Configure(EntityTypeBuilder<ReportRun> builder)
    {
        builder.Property(r => r.ScheduleName).HasMaxLength(100);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.TotalUsd).HasPrecision(20, 10);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.EmailError).HasMaxLength(2000);
        builder.HasOne<ReportSchedule>().WithMany().HasForeignKey(r => r.ScheduleId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Files).WithOne().HasForeignKey(f => f.RunId).OnDelete(DeleteBehavior.Cascade);

        // The guard against producing a period twice: instances racing on one database both insert, one wins.
        builder.HasIndex(r => new { r.ScheduleId, r.PeriodStart }).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.CreatedAt });
    }
}
