using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SpendOps.Core.Data;

/// <summary>The SQLite flavour of the model, with its own migrations in <c>Data/Migrations/Sqlite</c>.</summary>
public sealed class SqliteSpendOpsDbContext(DbContextOptions<SqliteSpendOpsDbContext> options) : SpendOpsDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type: EF would store text it cannot compare or sort. UTC ticks as INTEGER can be both.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}
