using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage.Rollups;

internal sealed class RollupDirtyHourConfiguration : IEntityTypeConfiguration<RollupDirtyHour>
{
    public void Configure(EntityTypeBuilder<RollupDirtyHour> builder)
    {
        // No foreign key to the tenant: the usage writer's insert stays one small row with nothing to check.
        builder.HasIndex(m => new { m.TenantId, m.Hour });
        builder.HasIndex(m => m.Hour);
    }
}
