using SpendOps.Core.Audit;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Audit;

/// <summary>The audit trail is read a page at a time, newest first, and only ever for one tenant.</summary>
public sealed class AuditQueriesTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PageAsync_SkipTake_NewestFirstWithTotal()
    {
        var tenant = await SeedAsync("audit-paging", count: 30);

        var page = await fixture.WithDbAsync(db => AuditQueries.PageAsync(db, new AuditFilter(tenant), skip: 25, take: 25, CancellationToken.None));

        Assert.Equal(30 + 1, page.TotalCount); // and tenant.created, which happened now, after the seeded ones
        Assert.Equal(["e05", "e04", "e03", "e02", "e01", "e00"], page.Entries.Select(e => e.EntityId));
    }

    [Fact]
    public async Task PageAsync_OtherTenantsEntries_NeverIncluded()
    {
        var mine = await SeedAsync("audit-mine", count: 3);
        await SeedAsync("audit-theirs", count: 3);

        var page = await fixture.WithDbAsync(db => AuditQueries.PageAsync(db, new AuditFilter(mine), 0, 100, CancellationToken.None));

        Assert.All(page.Entries, e => Assert.Equal(mine, e.TenantId));
    }

    [Fact]
    public async Task PageAsync_ActionAndPeriod_FiltersInTheDatabase()
    {
        var tenant = await SeedAsync("audit-filter", count: 10);

        var byAction = await fixture.WithDbAsync(db => AuditQueries.PageAsync(db, new AuditFilter(tenant) { Action = "test.odd" }, 0, 100, CancellationToken.None));
        var byPeriod = await fixture.WithDbAsync(db => AuditQueries.PageAsync(db, new AuditFilter(tenant) { From = Start.AddHours(2), To = Start.AddHours(5) }, 0, 100, CancellationToken.None));
        var actions = await fixture.WithDbAsync(db => AuditQueries.ActionsAsync(db, tenant, CancellationToken.None));

        Assert.Equal(5, byAction.TotalCount);
        Assert.Equal(["e04", "e03", "e02"], byPeriod.Entries.Select(e => e.EntityId));
        Assert.Equal(["tenant.created", "test.even", "test.odd"], actions);
    }

    [Fact]
    public async Task PageAsync_HugeTake_CappedAtMaxPageSize()
    {
        var tenant = await SeedAsync("audit-cap", count: AuditQueries.MaxPageSize + 5);

        var page = await fixture.WithDbAsync(db => AuditQueries.PageAsync(db, new AuditFilter(tenant), 0, int.MaxValue, CancellationToken.None));

        Assert.Equal(AuditQueries.MaxPageSize, page.Entries.Count);
    }

    /// <summary>A tenant with entries e00, e01, … one hour apart from <see cref="Start"/>, alternating two actions.</summary>
    private async Task<Guid> SeedAsync(string name, int count)
    {
        var tenant = await fixture.EnsureTenantAsync($"{name}-{Guid.NewGuid():N}");
        await fixture.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    TenantId = tenant.Id,
                    At = Start.AddHours(i),
                    Actor = "seed",
                    Action = i % 2 == 0 ? "test.even" : "test.odd",
                    EntityType = "test",
                    EntityId = $"e{i:00}",
                });
            }
            return await db.SaveChangesAsync();
        });
        return tenant.Id;
    }
}
