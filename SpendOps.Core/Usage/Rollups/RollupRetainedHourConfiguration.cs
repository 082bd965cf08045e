using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SpendOps.Core.Usage.Rollups;

internal sealed class RollupRetainedHourConfiguration : IEntityTypeConfiguration<RollupRetainedHour>
{
    public void Configure(EntityTypeBuilder<RollupRetainedHour> builder) => builder.HasKey(h => new { h.TenantId, h.Hour });
}
