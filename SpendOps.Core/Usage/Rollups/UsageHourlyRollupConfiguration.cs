using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage.Rollups;

internal sealed class UsageHourlyRollupConfiguration : IEntityTypeConfiguration<UsageHourlyRollup>
{
    public void Configure(EntityTypeBuilder<UsageHourlyRollup> builder)
    {
        RollupKeysConfiguration.Configure(builder);
        builder.HasIndex(r => new { r.TenantId, r.Hour });
        // Budgets scoped to keys (and key filters) read hourly rollups, daily ones having no key: without this index they
        // read every key's rows of the period and dropped most (the evaluation of all budgets at ten million calls on
        // PostgreSQL: 437 to 309 ms; the budgets page: 97 to 37 ms).
        builder.HasIndex(r => new { r.TenantId, r.ApiKeyId, r.Hour });
    }
}
