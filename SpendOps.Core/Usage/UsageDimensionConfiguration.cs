using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;

namespace SpendOps.Core.Usage;

internal sealed class UsageDimensionConfiguration : IEntityTypeConfiguration<UsageDimension>
{
    public void Configure(EntityTypeBuilder<UsageDimension> builder)
    {
        builder.HasKey(d => new { d.UsageRecordId, d.Name });
        builder.Property(d => d.Name).HasMaxLength(Dimensions.MaxNameLength);
        builder.Property(d => d.Value).HasMaxLength(Dimensions.MaxValueLength);
        FilterLookupIndexes(builder, "\"Name\"");
    }

    /// <summary>
    /// Every query reads a record's dimensions through the key (record, name); only the telemetry supersession rules look
    /// records up by a dimension's value, and only by Claude Code's session and install ids. So only those two dimensions
    /// are indexed by value: an index over every dimension row was a large part of the usage writer's work. The filter is
    /// raw SQL, quoted as the database quotes names and text (<see cref="SqlServerSpendOpsDbContext"/> sets it again, with
    /// <c>N'…'</c> as its queries compare), and queries name the dimension as a constant (<c>EF.Constant</c>), so that
    /// every database can use these indexes.
    /// </summary>
    internal static void FilterLookupIndexes(EntityTypeBuilder<UsageDimension> builder, string quotedNameColumn, string unicodePrefix = "")
    {
        builder.HasIndex(d => d.Value, "IX_UsageDimensions_SessionId").HasFilter($"{quotedNameColumn} = {unicodePrefix}'{ClaudeCodeUsage.SessionDimension}'");
        builder.HasIndex(d => d.Value, "IX_UsageDimensions_InstallId").HasFilter($"{quotedNameColumn} = {unicodePrefix}'{ClaudeCodeUsage.InstallDimension}'");
    }
}
