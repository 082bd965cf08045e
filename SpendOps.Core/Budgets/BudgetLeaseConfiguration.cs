using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Budgets;

internal sealed class BudgetLeaseConfiguration : IEntityTypeConfiguration<BudgetLease>
{
    public void Configure(EntityTypeBuilder<BudgetLease> builder)
    {
        builder.HasKey(l => new { l.BudgetId, l.PeriodStart, l.InstanceId });
        builder.Property(l => l.InstanceId).HasMaxLength(64);
        builder.Property(l => l.OutstandingUsd).HasPrecision(20, 10);
        builder.HasOne<Budget>().WithMany().HasForeignKey(l => l.BudgetId).OnDelete(DeleteBehavior.Cascade);
        // Expired rows are deleted by age.
        builder.HasIndex(l => l.UpdatedAt);
    }
}
