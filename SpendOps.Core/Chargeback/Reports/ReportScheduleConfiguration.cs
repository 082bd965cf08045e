using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Chargeback.Reports;

internal sealed class ReportScheduleConfiguration : IEntityTypeConfiguration<ReportSchedule>
{
    public void Configure(EntityTypeBuilder<ReportSchedule> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.GroupBy).HasMaxLength(300);
        builder.Property(s => s.Formats).HasMaxLength(50);
        builder.Property(s => s.EmailTo).HasMaxLength(2000);
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(20);
        builder.Ignore(s => s.FormatList);
        builder.Ignore(s => s.Recipients);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
    }
}
