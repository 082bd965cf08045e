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
            CliOutput.WriteTable(context.Out, ["NAME", "ID", "CREATED"], tenants.Select(t => new[] { t.Name, t.Id.ToString(), CliOutput.Date(t.CreatedAt) }));
        return 0;
    }
}
