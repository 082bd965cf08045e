using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Telemetry;
using SpendOps.Core.Tenancy;

namespace SpendOps.Bench.Analytics;

/// <summary>One tenant of the generated fleet: its share of all calls, its keys and, for some, a telemetry connection.</summary>
internal sealed record FleetTenant(Guid Id, string Name, double Share, IReadOnlyList<string> KeyIds, Guid? ConnectionId);

/// <summary>
/// The tenants, keys, dimensions catalogue, telemetry connections and budgets, created through the product's own
/// services (as the command line and the portal create them): 50 tenants, the first holding 40 % of all calls and the
/// rest sharing 60 % on a long tail.
/// </summary>
internal static class Fleet
{
    public const string BigTenantName = "acme";
    public const int TenantCount = 50;
    private const string Actor = "bench";

    public static async Task<IReadOnlyList<FleetTenant>> CreateAsync(IServiceProvider services, Random random, CancellationToken cancellationToken)
    {
        var tail = Enumerable.Range(2, TenantCount - 1).Select(rank => 1 / Math.Pow(rank, 0.9)).ToArray();
        var tailSum = tail.Sum();
        var fleet = new List<FleetTenant>();
        for (var i = 0; i < TenantCount; i++)
        {
            var name = i == 0 ? BigTenantName : $"tenant-{i + 1:00}";
            var share = i == 0 ? 0.4 : 0.6 * tail[i - 1] / tailSum;
            var keyCount = i == 0 ? 40 : Math.Clamp((int)Math.Round(share * 200), 2, 15);
            fleet.Add(await CreateTenantAsync(services, name, share, keyCount, withTelemetry: i % 5 == 0, random, cancellationToken));
        }
        return fleet;
    }

    private static async Task<FleetTenant> CreateTenantAsync(IServiceProvider services, string name, double share, int keyCount, bool withTelemetry, Random random, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var tenants = provider.GetRequiredService<TenantService>();
        var tenant = await tenants.FindByNameAsync(name, cancellationToken) ?? await tenants.CreateAsync(name, Actor, cancellationToken);
        var db = provider.GetRequiredService<SpendOpsDbContext>();
        if (await db.UsageRecords.AnyAsync(r => r.TenantId == tenant.Id, cancellationToken))
            throw new BenchException($"tenant '{name}' already has usage: generate into an empty database.");

        var dims = provider.GetRequiredService<TenantDimsService>();
        foreach (var (dimension, description) in Dimensions.Descriptions)
            await dims.SetAsync(tenant.Id, new TenantDimensionInput(dimension, description, Required: false, AllowedValues: []), Actor, cancellationToken);

        var keys = provider.GetRequiredService<ApiKeyService>();
        var keyIds = new List<string>();
        for (var k = 1; k <= keyCount; k++)
            keyIds.Add((await keys.CreateAsync(tenant.Id, $"service-{k:00}", KeyPolicy.Unrestricted, Actor, cancellationToken)).Key.Id);

        Guid? connectionId = null;
        if (withTelemetry)
            connectionId = (await provider.GetRequiredService<TelemetryConnectionService>()
                .CreateAsync(tenant.Id, "Claude Team", TelemetrySource.ClaudeCode, Actor, cancellationToken)).Connection.Id;

        await CreateBudgetsAsync(provider.GetRequiredService<BudgetService>(), tenant.Id, share, keyIds, random, cancellationToken);
        return new FleetTenant(tenant.Id, name, share, keyIds, connectionId);
    }

    /// <summary>
    /// A monthly whole-tenant budget, one per big team (per month) and a weekly one per provider family, sized near the
    /// expected spend so some pass their thresholds: what evaluation has to look at in a real deployment.
    /// </summary>
    private static async Task CreateBudgetsAsync(BudgetService budgets, Guid tenantId, double share, IReadOnlyList<string> keyIds, Random random, CancellationToken cancellationToken)
    {
        var monthly = Math.Max(100, Math.Round((decimal)(share * 400_000)));
        await budgets.CreateAsync(tenantId, Budget("Company AI spend", monthly, BudgetPeriodKind.Month, BudgetScope.Tenant), Actor, cancellationToken);
        var teams = share >= 0.05 ? Dimensions.Teams.Length : 2;
        for (var t = 0; t < teams; t++)
        {
            var scope = new BudgetScope { Dims = new Dictionary<string, IReadOnlyList<string>> { ["team"] = [Dimensions.Teams[t]] } };
            await budgets.CreateAsync(tenantId, Budget($"Team {Dimensions.Teams[t]}", Math.Max(50, Math.Round(monthly / (t + 3))), BudgetPeriodKind.Month, scope), Actor, cancellationToken);
        }
        await budgets.CreateAsync(tenantId, Budget("OpenAI weekly", Math.Max(20, Math.Round(monthly / 8)), BudgetPeriodKind.Week, new BudgetScope { Providers = ["openai"] }), Actor, cancellationToken);
        await budgets.CreateAsync(tenantId, Budget("Main service key", Math.Max(20, Math.Round(monthly / 5)), BudgetPeriodKind.Month, new BudgetScope { KeyIds = [keyIds[0]] }), Actor, cancellationToken);
        if (random.NextDouble() < 0.5)
            await budgets.CreateAsync(tenantId, Budget("Last 30 days", monthly, BudgetPeriodKind.Rolling, BudgetScope.Tenant, rollingDays: 30), Actor, cancellationToken);
    }

    private static BudgetDefinition Budget(string name, decimal amount, BudgetPeriodKind period, BudgetScope scope, int? rollingDays = null) =>
        new(name, amount, period, rollingDays, scope, [50, 80, 100], BudgetAction.AlertOnly, []);

    public static string Describe(IReadOnlyList<FleetTenant> fleet) =>
        string.Create(CultureInfo.InvariantCulture, $"{fleet.Count} tenants, {fleet.Sum(t => t.KeyIds.Count)} keys, {fleet.Count(t => t.ConnectionId is not null)} telemetry connections");
}
