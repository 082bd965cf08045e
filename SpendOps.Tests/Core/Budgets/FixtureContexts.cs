using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>A context factory over a test database, as the host registers one.</summary>
internal sealed class FixtureContexts(UsageDatabaseFixture fixture) : IDbContextFactory<SpendOpsDbContext>
{
    public SpendOpsDbContext CreateDbContext() => fixture.CreateContext();
}
