using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage.Rollups;

internal sealed class UsageHourlyRollupConfiguration : IEntityTypeConfiguration<UsageHourlyRollup>
{
    public void Configure(EntityTypeBuilder<UsageHourlyRollup> builder)
    {
        RollupKeysConfiguration.Configure(builder);
        builder.HasIndex(r => new { r.TenantId, r.Hour });
    }
}
