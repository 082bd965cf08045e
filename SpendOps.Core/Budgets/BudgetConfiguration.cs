using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Data;

namespace SpendOps.Core.Budgets;

internal sealed class BudgetConfiguration : IEntityTypeConfiguration<Budget>
{
    public void Configure(EntityTypeBuilder<Budget> builder)
    {
        builder.Property(b => b.Name).HasMaxLength(100);
        builder.Property(b => b.AmountUsd).HasPrecision(20, 10);
        builder.Property(b => b.CreatedBy).HasMaxLength(256);
        builder.Property(b => b.Scope).HasJsonConversion();
        builder.Property(b => b.Thresholds).HasJsonConversion();
        builder.Property(b => b.Recipients).HasJsonConversion();
        builder.Ignore(b => b.PeriodText);
        builder.HasOne(b => b.Tenant).WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(b => new { b.TenantId, b.Name }).IsUnique();
    }
}
