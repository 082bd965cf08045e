using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Keys;

namespace SpendOps.Core.RateLimits;

internal sealed class RateLimitCounterConfiguration : IEntityTypeConfiguration<RateLimitCounter>
{
    public void Configure(EntityTypeBuilder<RateLimitCounter> builder)
    {
        builder.HasKey(c => new { c.ApiKeyId, c.WindowMinute, c.InstanceId });
        builder.Property(c => c.ApiKeyId).HasMaxLength(ApiKeyFormat.MaxIdLength);
        builder.Property(c => c.InstanceId).HasMaxLength(64);
        // Old windows are deleted by minute; the sum read filters by minute too.
        builder.HasIndex(c => c.WindowMinute);
    }
}
