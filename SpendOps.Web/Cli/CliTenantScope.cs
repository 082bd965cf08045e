using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Cli;

/// <summary>
/// Whose data a command covers. The admin command line is run by the server's operator: with <c>--tenant NAME</c> a
/// command covers that tenant, without it every tenant, chosen here explicitly rather than implied by a missing id.
/// </summary>
internal static class CliTenantScope
{
    public static async Task<TenantScope> FromOptionAsync(CliContext context) =>
        context.Args.Option("tenant") is { } name ? TenantScope.Of((await KeyCommands.FindTenantAsync(context, name)).Id) : TenantScope.AllTenants;
}
