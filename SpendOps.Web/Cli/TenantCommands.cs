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
        new("tenants update", "tenants update NAME --time-zone ZONE [--json]", ["time-zone"], ["json"], UpdateAsync),
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

    private static async Task<int> ListAsync(CliContext context)
    {
        var tenants = await context.Get<SpendOpsDbContext>().Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, tenants.Select(t => new { id = t.Id, name = t.Name, timeZone = t.TimeZone, createdAt = t.CreatedAt }));
        else
            CliOutput.WriteTable(context.Out, ["NAME", "ID", "TIME ZONE", "CREATED"], tenants.Select(t => new[] { t.Name, t.Id.ToString(), t.TimeZone, CliOutput.Date(t.CreatedAt) }));
        return 0;
    }

    private static async Task<int> UpdateAsync(CliContext context)
    {
        var name = context.Args.RequiredPositional(0, "a tenant NAME");
        var zone = context.Args.RequiredOption("time-zone");
        var tenant = await KeyCommands.FindTenantAsync(context, name);
        tenant = await context.Get<TenantService>().SetTimeZoneAsync(tenant.Id, zone, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id = tenant.Id, name = tenant.Name, timeZone = tenant.TimeZone });
        else
            context.Out.WriteLine($"Tenant '{tenant.Name}' now counts days and months in {tenant.TimeZone}.");
        return 0;
    }
}
