using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;
using SpendOps.Core.Usage;
using SpendOps.Core.Usage.Rollups;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>
/// Many budgets summed at once (<see cref="BudgetStatusQuery.ListAsync"/>, through <see cref="BudgetSpendBatch"/>) and
/// model patterns matched in memory as the database matches them, run on SQLite and on PostgreSQL by the wrapping test classes.
/// </summary>
public sealed class BudgetSpendBatchScenarios(UsageDatabaseFixture fixture)
{
    // The month budgets' period is March; the day budgets' is 5 March.
    private static readonly DateTimeOffset Now = new(2026, 3, 5, 12, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// A month budget for every scope of <see cref="BudgetSpendMarch.Cases"/> (one dimension, two, keys, keys with a dimension,
    /// providers, sources, patterns) and day budgets beside them, listed together, first from records only (no rollups
    /// yet), then from rollups (the daily ones for whole-tenant days, hourly and dimension ones for keys and dimensions).
    /// </summary>
    public async Task ListedBudgets_OfEveryScope_SpendTheHandSums_FromRecordsAndFromRollups()
    {
        var tenant = await BudgetSpendMarch.SeedAsync(fixture);
        var expected = new List<(string Name, BudgetSpend Spend)>();
        await using (var db = fixture.CreateContext())
        {
            void Add(BudgetPeriodKind period, decimal spend, int unpriced, params string[] terms)
            {
                var name = $"{period} {string.Join(" ", terms)}".Trim();
                db.Budgets.Add(new Budget { TenantId = tenant, Name = name, AmountUsd = 1000m, Period = period, Scope = BudgetScopeTerms.Parse(terms) });
                expected.Add((name, new BudgetSpend(spend, unpriced)));
            }
            foreach (var row in BudgetSpendMarch.Cases)
                Add(BudgetPeriodKind.Month, (decimal)(double)row[0], (int)row[1], (string[])row[2]);
            // 5 March: 100.00 (team=data, key k2) and 7.00 (no dimension, k2); k1's call was on the 2nd.
            Add(BudgetPeriodKind.Day, 107.00m, 0);
            Add(BudgetPeriodKind.Day, 100.00m, 0, "dim:team=data");
            Add(BudgetPeriodKind.Day, 0m, 0, "key:k1");
            Add(BudgetPeriodKind.Day, 107.00m, 0, "key:k2");
            await db.SaveChangesAsync();
            // No rollup state: every query reads records.
            await db.RollupStates.ExecuteDeleteAsync();
        }

        Assert.Equal(expected.OrderBy(e => e.Name, StringComparer.Ordinal), await ListAsync(tenant));

        await new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System).RunAsync(CancellationToken.None);
        await using (var db = fixture.CreateContext())
        {
            Assert.True(await db.UsageDailyRollups.AnyAsync(u => u.TenantId == tenant));
            Assert.True(await db.UsageDimensionRollups.AnyAsync(u => u.TenantId == tenant && u.DimensionName == "env"));
            Assert.False(await db.RollupDirtyHours.AnyAsync(m => m.TenantId == tenant));
        }
        Assert.Equal(expected.OrderBy(e => e.Name, StringComparer.Ordinal), await ListAsync(tenant));
    }

    /// <summary>
    /// Two tenants' budgets of the same period and shapes, summed together (one facts query per shape, as the evaluation
    /// job reads them), each spend of its own tenant only: the second tenant has the same team, key id, provider and model,
    /// and a tenant with no budget has March spend on them too.
    /// </summary>
    public async Task BudgetsOfTwoTenants_SummedTogether_EachSpendTheirOwnTenantsHandSums()
    {
        var first = await BudgetSpendMarch.SeedAsync(fixture);
        var second = UsageSeed.NewTenant();
        var keyed = second.Record("2026-03-02T10:00:00Z", 20.00m, "openai", "gpt-4.1", ("team", "backend"));
        keyed.ApiKeyId = "k1";
        await fixture.AddAsync(
            keyed,
            second.Record("2026-03-09T10:00:00Z", 40.00m, "anthropic", "claude-sonnet-4-5", ("team", "data")),
            second.Record("2026-02-27T10:00:00Z", 5.00m, "openai", "gpt-4.1", ("team", "backend")));
        var expected = new List<(string Name, BudgetSpend Spend)>();
        await using (var db = fixture.CreateContext())
        {
            void Add(Guid tenant, string name, decimal spend, int unpriced, params string[] terms)
            {
                db.Budgets.Add(new Budget { TenantId = tenant, Name = name, AmountUsd = 1000m, Period = BudgetPeriodKind.Month, Scope = BudgetScopeTerms.Parse(terms) });
                expected.Add((name, new BudgetSpend(spend, unpriced)));
            }
            foreach (var row in BudgetSpendMarch.Cases)
                Add(first, "first " + string.Join(" ", (string[])row[2]), (decimal)(double)row[0], (int)row[1], (string[])row[2]);
            // The second tenant's March: 20.00 (openai, team=backend, key k1) and 40.00 (anthropic, team=data).
            Add(second.TenantId, "second", 60.00m, 0);
            Add(second.TenantId, "second dim:team=backend", 20.00m, 0, "dim:team=backend");
            Add(second.TenantId, "second dim:team=data", 40.00m, 0, "dim:team=data");
            Add(second.TenantId, "second key:k1", 20.00m, 0, "key:k1");
            Add(second.TenantId, "second provider:anthropic", 40.00m, 0, "provider:anthropic");
            Add(second.TenantId, "second model:CLAUDE-*", 40.00m, 0, "model:CLAUDE-*");
            await db.SaveChangesAsync();
        }

        Assert.Equal(expected.OrderBy(e => e.Name, StringComparer.Ordinal), await StatusesAsync(first, second.TenantId));
        await new UsageRollupBuilder(new FixtureContexts(fixture), TimeProvider.System).RunAsync(CancellationToken.None);
        Assert.Equal(expected.OrderBy(e => e.Name, StringComparer.Ordinal), await StatusesAsync(first, second.TenantId));
    }

    /// <summary>
    /// Patterns with LIKE's own wildcards as literals (<c>%</c>, <c>_</c>, <c>\</c>), mixed case, <c>?</c> against an emoji and
    /// a line break, and upper-case accented letters (which SQLite's <c>lower()</c> leaves alone and PostgreSQL's folds):
    /// <see cref="ModelLikeMatch"/> selects exactly the records <see cref="ModelLike"/> selects in SQL on this database.
    /// </summary>
    public async Task ModelPatterns_InMemory_SelectWhatTheDatabaseSelects()
    {
        var seed = UsageSeed.NewTenant();
        string[] models = ["gpt_4", "gptx4", "100%", "1000", "a\\b", "ab", "a\\\\b", "Claude-Opus-4-1", "claude-opus-4-10", "CLAUDE-SONNET-4-5",
            "ÉCLAIR-1", "éclair-1", "x😀y", "xy", "line\nbreak"];
        var records = models.Select(m => seed.Record("2026-03-02T10:00:00Z", 1m, model: m)).ToList();
        // Matched by the reported model only, and by neither (no model at all).
        records[0].ModelRequested = null;
        records[0].ModelReported = "gpt_4";
        var unknown = seed.Record("2026-03-02T10:00:00Z", 1m);
        unknown.ModelRequested = null;
        records.Add(unknown);
        await fixture.AddAsync([.. records]);
        string[] patterns = ["gpt_4", "100%", "a\\b", "CLAUDE-*", "claude-opus-4-?", "*-4-?", "?", "*", "x?y", "éclair-*", "ÉCLAIR-*", "line?break", "*%*", "*_*", "*\\*"];

        await using var db = fixture.CreateContext();
        var text = SqlTextRules.For(db.Database);
        foreach (var pattern in patterns)
        {
            var inSql = await db.UsageRecords.Where(r => r.TenantId == seed.TenantId).Where(ModelLike.AnyOf([pattern])).Select(r => r.RequestId).ToListAsync();
            var match = new ModelLikeMatch([pattern]);
            var inMemory = records
                .Where(r => match.Matches(r.ModelReported is null ? null : text.Lower(r.ModelReported), r.ModelRequested is null ? null : text.Lower(r.ModelRequested)))
                .Select(r => r.RequestId);
            Assert.True(inSql.Order().SequenceEqual(inMemory.Order()), $"{pattern}: SQL {string.Join(", ", inSql.Order())}; memory {string.Join(", ", inMemory.Order())}");
        }
        // Not vacuous: the literal '_' and '%' and the wildcards select by hand.
        Assert.Equal(["gpt_4"], await ModelsAsync(db, seed.TenantId, "gpt_4"));
        Assert.Equal(["100%"], await ModelsAsync(db, seed.TenantId, "100%"));
        Assert.Equal(["Claude-Opus-4-1"], await ModelsAsync(db, seed.TenantId, "claude-opus-4-?"));
        Assert.Equal(["x😀y"], await ModelsAsync(db, seed.TenantId, "x?y"));
    }

    private static async Task<List<string?>> ModelsAsync(SpendOpsDbContext db, Guid tenant, string pattern) =>
        await db.UsageRecords.Where(r => r.TenantId == tenant).Where(ModelLike.AnyOf([pattern])).Select(r => r.ModelReported ?? r.ModelRequested).ToListAsync();

    /// <summary>The budgets of both tenants with their statuses read together, by name.</summary>
    private async Task<List<(string Name, BudgetSpend Spend)>> StatusesAsync(Guid first, Guid second)
    {
        await using var db = fixture.CreateContext();
        var budgets = await db.Budgets.AsNoTracking().Where(b => b.TenantId == first || b.TenantId == second).ToListAsync();
        var statuses = await BudgetStatusQuery.GetManyAsync(db, budgets, Now, CancellationToken.None);
        return statuses.Select(s => (s.Budget.Name, s.Spend)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>The tenant's budgets as listed, by name.</summary>
    private async Task<List<(string Name, BudgetSpend Spend)>> ListAsync(Guid tenant)
    {
        await using var db = fixture.CreateContext();
        var statuses = await BudgetStatusQuery.ListAsync(db, TenantScope.Of(tenant), Now, CancellationToken.None);
        return statuses.Select(s => (s.Budget.Name, s.Spend)).OrderBy(s => s.Name, StringComparer.Ordinal).ToList();
    }
}
