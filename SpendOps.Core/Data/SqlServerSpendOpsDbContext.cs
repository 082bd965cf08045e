using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Data;

/// <summary>The SQL Server flavour of the model, with its own migrations in <c>Data/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerSpendOpsDbContext(DbContextOptions<SqlServerSpendOpsDbContext> options) : SpendOpsDbContext(options)
{
    /// <summary>
    /// SQL Server options for every place that creates this context (the app, <c>dotnet ef</c>, tests). EF Core 10 sends
    /// a list in <c>ids.Contains(x)</c> as one parameter per item, and SQL Server takes at most 2100 parameters: the
    /// usage writer's replay looks up a whole batch (up to 10 000) of request ids at once. One JSON parameter
    /// (<c>OPENJSON</c>, SQL Server 2016 and later) has no such limit.
    /// </summary>
    internal static void Configure(SqlServerDbContextOptionsBuilder sqlServer) =>
        sqlServer.UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // T-SQL quotes names with brackets, as EF's own filters do ("[NormalizedName] IS NOT NULL"); "PricingStatus" is a
        // name only while QUOTED_IDENTIFIER is on, and would be a string otherwise.
        UsageRecordConfiguration.FilterAwaitingPriceIndex(builder.Entity<UsageRecord>(), "[PricingStatus]");
        UsageRecordConfiguration.FilterUpstreamIdIndex(builder.Entity<UsageRecord>(), "[UpstreamIdIndexed] = 1");
        UsageDimensionConfiguration.FilterLookupIndexes(builder.Entity<UsageDimension>(), "[Name]", unicodePrefix: "N");
    }
}
