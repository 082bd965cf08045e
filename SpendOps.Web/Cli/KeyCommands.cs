using Microsoft.EntityFrameworkCore;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;

namespace SpendOps.Web.Cli;

internal static class KeyCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("keys create",
            "keys create --tenant NAME --name NAME [--providers openai,anthropic] [--models 'gpt-4.1*,claude-*'] [--require-dims user,team] [--allow-dims team,env] [--inject-stream-usage] [--expires ISO] [--requests-per-minute N] [--tokens-per-minute N] [--json]",
            ["tenant", "name", "providers", "models", "require-dims", "allow-dims", "expires", .. RateLimitOptions.Names], ["json", "inject-stream-usage"], CreateAsync),
        new("keys update", "keys update ID [--requests-per-minute N|none] [--tokens-per-minute N|none] [--json]", RateLimitOptions.Names, ["json"], UpdateAsync),
        new("keys list", "keys list [--tenant NAME] [--json]", ["tenant"], ["json"], ListAsync),
        new("keys disable", "keys disable ID [--json]", [], ["json"], context => SetStatusAsync(context, ApiKeyStatus.Disabled)),
        new("keys enable", "keys enable ID [--json]", [], ["json"], context => SetStatusAsync(context, ApiKeyStatus.Active)),
        new("keys rotate", "keys rotate ID [--json]", [], ["json"], RotateAsync),
    ];

    private static async Task<int> CreateAsync(CliContext context)
    {
        var args = context.Args;
        var requestsPerMinute = RateLimitOptions.Read(args, RateLimitOptions.Requests, allowNone: false).Limit;
        var tokensPerMinute = RateLimitOptions.Read(args, RateLimitOptions.Tokens, allowNone: false).Limit;
        var tenant = await FindTenantAsync(context, args.RequiredOption("tenant"));
        var allowDims = args.ListOption("allow-dims");
        var policy = new KeyPolicy
        {
            AllowedProviders = args.ListOption("providers"),
            AllowedModels = args.ListOption("models"),
            RequiredDims = args.ListOption("require-dims"),
            AllowedDims = allowDims.Count == 0 ? null : allowDims.ToDictionary(d => d, _ => (IReadOnlyList<string>)[]),
            InjectStreamUsage = args.Flag("inject-stream-usage"),
            RequestsPerMinute = requestsPerMinute,
            TokensPerMinute = tokensPerMinute,
        };
        var created = await context.Get<ApiKeyService>().CreateAsync(tenant.Id, args.RequiredOption("name"), policy, context.Actor, context.CancellationToken, args.DateOption("expires"));
        if (args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new { id = created.Key.Id, key = created.FullKey, tenant = tenant.Name, name = created.Key.Name, policy = created.Key.Policy });
        }
        else
        {
            context.Out.WriteLine($"Created key '{created.Key.Name}' ({created.Key.Id}) for tenant '{tenant.Name}'.");
            context.Out.WriteLine("The full key is shown only now; store it safely:");
            context.Out.WriteLine(created.FullKey);
        }
        return 0;
    }

    private static async Task<int> ListAsync(CliContext context)
    {
        var db = context.Get<SpendOpsDbContext>();
        var query = db.ApiKeys.AsNoTracking().Include(k => k.Tenant).AsQueryable();
        if (context.Args.Option("tenant") is { } tenantName)
        {
            var tenant = await FindTenantAsync(context, tenantName);
            query = query.Where(k => k.TenantId == tenant.Id);
        }
        var keys = await query.OrderBy(k => k.Tenant!.Name).ThenBy(k => k.Name).ToListAsync(context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, keys.Select(k => new
            {
                id = k.Id,
                name = k.Name,
                tenant = k.Tenant!.Name,
                status = k.Status,
                hint = "…" + k.SecretHint,
                policy = k.Policy,
                createdAt = k.CreatedAt,
                lastUsedAt = k.LastUsedAt,
                expiresAt = k.ExpiresAt,
            }));
        }
        else
        {
            CliOutput.WriteTable(context.Out, ["ID", "NAME", "TENANT", "STATUS", "PROVIDERS", "MODELS", "REQUIRED DIMS", "LAST USED"],
                keys.Select(k => new[]
                {
                    k.Id, k.Name, k.Tenant!.Name, k.Status.ToString().ToLowerInvariant(),
                    Summary(k.Policy.AllowedProviders), Summary(k.Policy.AllowedModels), Summary(k.Policy.RequiredDims, "-"), CliOutput.Date(k.LastUsedAt),
                }));
        }
        return 0;
    }

    /// <summary>Changes the key's rate limits; <c>none</c> returns a limit to the tenant's default.</summary>
    private static async Task<int> UpdateAsync(CliContext context)
    {
        var id = context.Args.RequiredPositional(0, "a key ID (see 'keys list')");
        var requests = RateLimitOptions.Read(context.Args, RateLimitOptions.Requests, allowNone: true);
        var tokens = RateLimitOptions.Read(context.Args, RateLimitOptions.Tokens, allowNone: true);
        if (!requests.Given && !tokens.Given)
            throw new CliUsageException($"'keys update' needs something to change: --{RateLimitOptions.Requests} or --{RateLimitOptions.Tokens}");
        var service = context.Get<ApiKeyService>();
        var key = await service.FindAsync(id, TenantScope.AllTenants, context.CancellationToken);
        var policy = key.Policy with
        {
            RequestsPerMinute = requests.Given ? requests.Limit : key.Policy.RequestsPerMinute,
            TokensPerMinute = tokens.Given ? tokens.Limit : key.Policy.TokensPerMinute,
        };
        key = await service.UpdateAsync(id, TenantScope.AllTenants, key.Name, policy, key.ExpiresAt, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new { id = key.Id, requestsPerMinute = key.Policy.RequestsPerMinute, tokensPerMinute = key.Policy.TokensPerMinute });
        }
        else
        {
            context.Out.WriteLine($"Key {key.Id}: {LimitText(key.Policy.RequestsPerMinute, "requests")}, {LimitText(key.Policy.TokensPerMinute, "tokens")}.");
        }
        return 0;
    }

    private static string LimitText(int? limit, string what) => limit is { } n ? $"{n} {what} per minute" : $"{what} per minute from the tenant's default";

    private static async Task<int> SetStatusAsync(CliContext context, ApiKeyStatus status)
    {
        var id = context.Args.RequiredPositional(0, "a key ID (see 'keys list')");
        var key = await context.Get<ApiKeyService>().SetStatusAsync(id, TenantScope.AllTenants, status, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id = key.Id, status = key.Status });
        else
            context.Out.WriteLine($"Key {key.Id} is now {key.Status.ToString().ToLowerInvariant()}.");
        return 0;
    }

    private static async Task<int> RotateAsync(CliContext context)
    {
        var id = context.Args.RequiredPositional(0, "a key ID (see 'keys list')");
        var rotated = await context.Get<ApiKeyService>().RotateAsync(id, TenantScope.AllTenants, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new { id = rotated.Key.Id, key = rotated.FullKey, tenant = rotated.Key.Tenant?.Name });
        }
        else
        {
            context.Out.WriteLine($"Rotated key {rotated.Key.Id}; the previous secret stops working within seconds. New key (shown only now):");
            context.Out.WriteLine(rotated.FullKey);
        }
        return 0;
    }

    internal static async Task<Tenant> FindTenantAsync(CliContext context, string name) =>
        await context.Get<TenantService>().FindByNameAsync(name, context.CancellationToken)
        ?? throw new DomainException($"No tenant named '{name}'. Create it with: tenants create {name}");

    private static string Summary(IReadOnlyList<string> values, string empty = "all") => values.Count == 0 ? empty : string.Join(",", values);
}
