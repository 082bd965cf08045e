using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Core.Usage;

internal sealed class UsageRecordConfiguration : IEntityTypeConfiguration<UsageRecord>
{
    public void Configure(EntityTypeBuilder<UsageRecord> builder)
    {
        builder.Property(u => u.RequestId).HasMaxLength(64);
        builder.HasIndex(u => u.RequestId).IsUnique();
        builder.Property(u => u.UpstreamRequestId).HasMaxLength(128);
        builder.Property(u => u.ApiKeyId).HasMaxLength(64);
        builder.Property(u => u.Provider).HasMaxLength(32);
        builder.Property(u => u.Endpoint).HasMaxLength(64);
        builder.Property(u => u.ModelRequested).HasMaxLength(200);
        builder.Property(u => u.ModelReported).HasMaxLength(200);
        builder.Property(u => u.SearchContextSize).HasMaxLength(16);
        builder.Property(u => u.ServiceTier).HasMaxLength(32);
        builder.Property(u => u.ProviderCostUsd).HasPrecision(20, 10);
        builder.Property(u => u.CostUsd).HasPrecision(20, 10);
        builder.Property(u => u.Dims).HasJsonConversion();
        builder.Ignore(u => u.PricingModel);
        builder.ComplexProperty(u => u.Tokens, tokens =>
        {
            tokens.IsRequired();
            tokens.Ignore(t => t.CacheWriteTokens);
            tokens.Ignore(t => t.PromptTokens);
            tokens.Ignore(t => t.HasAny);
            // The counters keep the column names they had as properties of the record itself (no "Tokens_" prefix), so
            // the schema did not change when they became one type.
            foreach (var counter in tokens.Metadata.ComplexType.GetDeclaredProperties().ToList())
                tokens.Property(counter.Name).HasColumnName(counter.Name);
        });
        // A usage row names a tenant this database has (records of unknown tenants are set aside by the writer), and
        // a tenant with usage cannot be deleted: the ledger outlives nobody's spend. On PostgreSQL neither relationship
        // is a constraint (migration UsageRowsWithoutForeignKeys): its bulk copy would check each row with a query. On
        // SQLite the dimension rows' is not either (migration UsageDimensionsWithoutRowid): one B-tree write per row.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(u => u.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(u => u.DimensionRows).WithOne().HasForeignKey(d => d.UsageRecordId).OnDelete(DeleteBehavior.Cascade);

        // Every index is paid on each of the writer's inserts, so only those queries need: every ledger, chart and budget
        // query filters by tenant and time; supersession looks up upstream ids (of tenants with telemetry) on each stored
        // batch. A filter by key is a filter within a tenant and period (TenantId + Timestamp), so it has no index of
        // its own.
        builder.HasIndex(u => new { u.TenantId, u.Timestamp });
        // Only records still waiting for a price: the writer prices proxy calls as it inserts them, so most rows never
        // enter this index, and the pricing job still finds its work without a table scan.
        FilterAwaitingPriceIndex(builder, "\"PricingStatus\"");
        FilterUpstreamIdIndex(builder, "\"UpstreamIdIndexed\"");
    }

    /// <summary>
    /// Only the upstream ids supersession may look up (<see cref="UsageRecord.UpstreamIdIndexed"/>): provider ids are
    /// random, so each entry lands on its own page of the index. Queries state the filter to use it; it is the flag as
    /// EF writes a true boolean in a condition (the bare column on SQLite and PostgreSQL; SQL Server sets it again).
    /// </summary>
    internal static void FilterUpstreamIdIndex(EntityTypeBuilder<UsageRecord> builder, string filter) =>
        builder.HasIndex(u => new { u.TenantId, u.UpstreamRequestId }).HasFilter(filter);

    /// <summary>
    /// The filter is raw SQL, so the column is quoted as the database quotes names: <c>"PricingStatus"</c> on SQLite and
    /// PostgreSQL, <c>[PricingStatus]</c> on SQL Server (<see cref="SqlServerSpendOpsDbContext"/> sets it again).
    /// </summary>
    internal static void FilterAwaitingPriceIndex(EntityTypeBuilder<UsageRecord> builder, string quotedColumn) =>
        builder.HasIndex(u => new { u.PricingStatus, u.Id }).HasFilter($"{quotedColumn} IN ({(int)PricingStatus.Pending}, {(int)PricingStatus.Unpriced})");
}
