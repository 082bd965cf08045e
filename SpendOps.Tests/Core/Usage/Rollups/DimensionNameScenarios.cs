using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;
using SpendOps.Tests.Core.Budgets;

namespace SpendOps.Tests.Core.Usage.Rollups;

/// <summary>
/// <see cref="UsageDimensionNamesQuery"/> over rollups: names of the clean whole hours come from the dimension
/// rollups, names of the ragged edges and of hours changed since the last run from the records. To tell the two apart,
/// some records lose their dimension rows behind the rollups' back (a bulk delete, which marks no hour): a rolled-up
/// hour still shows their names, an hour read raw does not. Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class DimensionNameScenarios(UsageDatabaseFixture fixture)
{
    // [09:30, 15:30) UTC: the hours 09 and 15 are ragged edges, 10 to 14 whole hours.
    private static readonly DateTimeOffset From = DateTimeOffset.Parse("2026-04-01T09:30:00Z");
    private static readonly DateTimeOffset To = DateTimeOffset.Parse("2026-04-01T15:30:00Z");

    protected async Task Names_FromRolledUpHoursAndRawEdgesAsync()
    {
        var seed = UsageSeed.NewTenant();
        var early = seed.Record("2026-04-01T09:10:00Z", 1m, dims: ("early", "e"));
        var edge = seed.Record("2026-04-01T09:40:00Z", 1m, dims: ("edge", "first"));
        var rolledUp = seed.Record("2026-04-01T10:15:00Z", 1m, dims: [("team", "a"), ("env", "prod")]);
        var anthropic = seed.Record("2026-04-01T11:20:00Z", 1m, "anthropic", "claude-sonnet-4-5", ("pool", "z"));
        var changedLater = seed.Record("2026-04-01T12:05:00Z", 1m, dims: ("region", "eu"));
        var superseded = seed.Record("2026-04-01T12:50:00Z", 1m, dims: ("ghost", "x"));
        superseded.Superseded = true;
        var tail = seed.Record("2026-04-01T15:10:00Z", 1m, dims: ("tail", "y"));
        var after = seed.Record("2026-04-01T16:00:00Z", 1m, dims: ("after", "z"));
        var foreign = UsageSeed.NewTenant().Record("2026-04-01T10:30:00Z", 1m, dims: ("foreign", "q"));
        await fixture.AddAsync(early, edge, rolledUp, anthropic, changedLater, superseded, tail, after, foreign);
        var period = new UsageFilter { Scope = TenantScope.Of(seed.TenantId), From = From, To = To };
        string[] everyName = ["edge", "env", "pool", "region", "tail", "team"];
        Assert.Equal(everyName, await NamesAsync(period));

        await new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(everyName, await NamesAsync(period));

        await using (var db = fixture.CreateContext())
        {
            // A late call makes hour 12 dirty: read raw until the next run, so its records' names are what counts there.
            var late = seed.Record("2026-04-01T12:30:00Z", 1m, dims: ("late", "1"));
            await UsageBulkInserter.InsertAsync(db, [late], CancellationToken.None);
            foreach (var record in new[] { early, edge, rolledUp, changedLater })
                await db.UsageDimensions.Where(d => d.UsageRecordId == record.Id).ExecuteDeleteAsync();
        }

        // team and env from hour 10's rollups; not early (its edge hour is read raw, whose records start at 09:30), not
        // edge or region (read raw, their rows gone), not ghost (superseded), after (outside) or foreign (other tenant).
        Assert.Equal(["env", "late", "pool", "tail", "team"], await NamesAsync(period));
        Assert.Equal(["pool"], await NamesAsync(period with { Provider = "anthropic" }));
        // Filters the rollups cannot answer read every record: the superseded call is in, the deleted rows are out.
        Assert.Equal(["ghost", "late", "pool", "tail"], await NamesAsync(period with { IncludeSuperseded = true }));
        Assert.Equal(["pool"], await NamesAsync(period with { Dims = new Dictionary<string, string> { ["pool"] = "z" } }));
    }

    private async Task<IReadOnlyList<string>> NamesAsync(UsageFilter filter)
    {
        await using var db = fixture.CreateContext();
        return await UsageDimensionNamesQuery.GetAsync(db, filter, CancellationToken.None);
    }
}
