using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Cli;

internal static class TenantCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("tenants create", "tenants create NAME [--json]", [], ["json"], CreateAsync),
        new("tenants list", "tenants list [--json]", [], ["json"], ListAsync),
        new("tenants update", "tenants update NAME [--time-zone ZONE] [--requests-per-minute N|none] [--tokens-per-minute N|none] [--json]",
            ["time-zone", .. RateLimitOptions.Names], ["json"], UpdateAsync),
    ];

    private static async Task<int> CreateAsync(CliContext context)
    {
        var name = context.Args.RequiredPositional(0, "a tenant NAME");
        var tenant = await context.Get<TenantService>().CreateAsync(name, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id = tenant.Id, name = tenant.Name });
        else
            context.Out.WriteLine($"Created tenant '{tenant.Name}' ({tenant.Id}).");
        return 0;
    }

    private static async Task<int> UpdateAsync(CliContext context)
    {
        var name = context.Args.RequiredPositional(0, "a tenant NAME");
        var zone = context.Args.Option("time-zone");
        var requests = RateLimitOptions.Read(context.Args, RateLimitOptions.Requests, allowNone: true);
        var tokens = RateLimitOptions.Read(context.Args, RateLimitOptions.Tokens, allowNone: true);
        if (zone is null && !requests.Given && !tokens.Given)
            throw new CliUsageException($"'tenants update' needs something to change: --time-zone, --{RateLimitOptions.Requests} or --{RateLimitOptions.Tokens}");

        var tenants = context.Get<TenantService>();
        var tenant = await KeyCommands.FindTenantAsync(context, name);
        if (zone is not null)
            tenant = await tenants.SetTimeZoneAsync(tenant.Id, zone, context.Actor, context.CancellationToken);
        if (requests.Given || tokens.Given)
        {
            tenant = await tenants.UpdateRateLimitsAsync(name, requests.Limit, tokens.Limit,
                clearRequests: requests.Given, clearTokens: tokens.Given, context.Actor, context.CancellationToken);
        }

        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new
            {
                id = tenant.Id, name = tenant.Name, timeZone = tenant.TimeZone,
                requestsPerMinute = tenant.DefaultRequestsPerMinute, tokensPerMinute = tenant.DefaultTokensPerMinute,
            });
            return 0;
        }
        if (zone is not null)
            context.Out.WriteLine($"Tenant '{tenant.Name}' now counts days and months in {tenant.TimeZone}.");
        if (requests.Given || tokens.Given)
        {
            context.Out.WriteLine($"Tenant '{tenant.Name}': keys without their own limits get {Describe(tenant.DefaultRequestsPerMinute, "requests")} " +
                $"and {Describe(tenant.DefaultTokensPerMinute, "tokens")} per minute.");
        }
        return 0;
    }

    private static string Describe(int? limit, string what) => limit is { } n ? $"{n} {what}" : $"unlimited {what}";

    private static async Task<int> ListAsync(CliContext context)
    {
        var tenants = await context.Get<SpendOpsDbContext>().Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, tenants.Select(t => new { id = t.Id, name = t.Name, timeZone = t.TimeZone, createdAt = t.CreatedAt }));
        else
            CliOutput.WriteTable(context.Out, ["NAME", "ID", "TIME ZONE", "CREATED"], tenants.Select(t => new[] { t.Name, t.Id.ToString(), t.TimeZone, CliOutput.Date(t.CreatedAt) }));
        return 0;
    }

}
