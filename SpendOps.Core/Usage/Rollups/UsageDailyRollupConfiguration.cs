using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage.Rollups;

internal sealed class UsageDailyRollupConfiguration : IEntityTypeConfiguration<UsageDailyRollup>
{
    public void Configure(EntityTypeBuilder<UsageDailyRollup> builder)
    {
        RollupKeysConfiguration.Configure(builder);
        builder.HasIndex(r => new { r.TenantId, r.Hour });
    }
}
