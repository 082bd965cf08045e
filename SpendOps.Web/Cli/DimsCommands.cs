using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Cli;

internal static class DimsCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("dims list", "dims list --tenant NAME [--json]", ["tenant"], ["json"], ListAsync),
        new("dims set",
            "dims set --tenant NAME --name NAME [--description TEXT] [--required|--optional] [--values a,b,c|--free-text] [--json]",
            ["tenant", "name", "description", "values"], ["required", "optional", "free-text", "json"], SetAsync),
        new("dims remove", "dims remove --tenant NAME --name NAME", ["tenant", "name"], [], RemoveAsync),
    ];

    private static async Task<int> ListAsync(CliContext context)
    {
        var tenant = await KeyCommands.FindTenantAsync(context, context.Args.RequiredOption("tenant"));
        var catalogue = await context.Get<TenantDimsService>().ListAsync(tenant.Id, context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, catalogue.Select(Json));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["NAME", "REQUIRED", "VALUES", "DESCRIPTION"],
            catalogue.Select(d => new[] { d.Name, d.Required ? "yes" : "no", Values(d), d.Description ?? "" }));
        if (catalogue.Count == 0)
            context.Out.WriteLine($"Tenant '{tenant.Name}' has no catalogue: every key accepts any dimension its own policy allows.");
        return 0;
    }

    /// <summary>Adds an entry or changes one; what the command line does not mention stays as it was.</summary>
    private static async Task<int> SetAsync(CliContext context)
    {
        var args = context.Args;
        if (args.Flag("required") && args.Flag("optional"))
            throw new CliUsageException("--required and --optional exclude each other");
        if (args.Flag("free-text") && args.Option("values") is not null)
            throw new CliUsageException("--values and --free-text exclude each other");
        var tenant = await KeyCommands.FindTenantAsync(context, args.RequiredOption("tenant"));
        var name = TenantDimsRules.NormalizeName(args.RequiredOption("name"));
        var service = context.Get<TenantDimsService>();
        var existing = (await service.ListAsync(tenant.Id, context.CancellationToken)).FirstOrDefault(d => d.Name == name);

        var input = new TenantDimensionInput(
            name,
            args.Option("description") ?? existing?.Description,
            args.Flag("required") || (!args.Flag("optional") && existing?.Required == true),
            args.Flag("free-text") ? [] : args.Option("values") is not null ? args.ListOption("values") : existing?.AllowedValues ?? []);
        var saved = await service.SetAsync(tenant.Id, input, context.Actor, context.CancellationToken);
        if (args.Flag("json"))
            CliOutput.WriteJson(context.Out, Json(saved));
        else
            context.Out.WriteLine($"{(existing is null ? "Added" : "Changed")} dimension '{saved.Name}' for tenant '{tenant.Name}': "
                + $"{(saved.Required ? "required" : "optional")}, values: {Values(saved)}. The proxies apply it within seconds.");
        return 0;
    }

    private static async Task<int> RemoveAsync(CliContext context)
    {
        var tenant = await KeyCommands.FindTenantAsync(context, context.Args.RequiredOption("tenant"));
        var name = context.Args.RequiredOption("name");
        await context.Get<TenantDimsService>().RemoveAsync(tenant.Id, name, context.Actor, context.CancellationToken);
        context.Out.WriteLine($"Removed dimension '{TenantDimsRules.NormalizeName(name)}' from the catalogue of tenant '{tenant.Name}'.");
        return 0;
    }

    private static object Json(TenantDimension d) =>
        new { name = d.Name, description = d.Description, required = d.Required, allowedValues = d.AllowedValues, updatedAt = d.UpdatedAt, updatedBy = d.UpdatedBy };

    private static string Values(TenantDimension d) => d.AllowedValues.Count == 0 ? "free text" : string.Join(",", d.AllowedValues);
}
