using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Data;

/// <summary>The SQL Server flavour of the model, with its own migrations in <c>Data/Migrations/SqlServer</c>.</summary>
public sealed class SqlServerSpendOpsDbContext(DbContextOptions<SqlServerSpendOpsDbContext> options) : SpendOpsDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQL Server reads "PricingStatus" as a name only with QUOTED_IDENTIFIER on, which sqlcmd leaves off by default;
        // brackets work in every session.
        UsageRecordConfiguration.FilterAwaitingPriceIndex(builder.Entity<UsageRecord>(), "[PricingStatus]");
    }
}
