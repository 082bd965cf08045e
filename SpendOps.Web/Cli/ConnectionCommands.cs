using Microsoft.EntityFrameworkCore;
using SpendOps.Core;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;

namespace SpendOps.Web.Cli;

internal static class ConnectionCommands
{
    public static IReadOnlyList<CliCommand> All { get; } =
    [
        new("connections create",
            "connections create --tenant NAME --name NAME [--source claude_code|claude_cowork|claude_office_agents] [--base-url URL] [--json]",
            ["tenant", "name", "source", "base-url"], ["json"], CreateAsync),
        new("connections list", "connections list [--tenant NAME] [--json]", ["tenant"], ["json"], ListAsync),
        new("connections key-rotate", "connections key-rotate ID [--json]   (ID: a connection id or an ingest key id)", [], ["json"], RotateAsync),
        new("connections key-revoke", "connections key-revoke KEY_ID", [], [], RevokeAsync),
    ];

    private static async Task<int> CreateAsync(CliContext context)
    {
        var tenant = await KeyCommands.FindTenantAsync(context, context.Args.RequiredOption("tenant"));
        var sourceName = context.Args.Option("source") ?? TelemetrySourceNames.ClaudeCode;
        if (!TelemetrySourceNames.TryParse(sourceName, out var source))
            throw new CliUsageException($"--source '{sourceName}' is not claude_code, claude_cowork or claude_office_agents");
        var created = await context.Get<TelemetryConnectionService>().CreateAsync(tenant.Id, context.Args.RequiredOption("name"), source.Value, context.Actor, context.CancellationToken);
        var endpoint = BaseUrl(context) + created.EndpointPath;
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, new { id = created.Connection.Id, ingestKey = created.FullKey, endpoint, tenant = tenant.Name, source = sourceName });
            return 0;
        }
        context.Out.WriteLine($"Created connection '{created.Connection.Name}' ({created.Connection.Id}) for tenant '{tenant.Name}'.");
        context.Out.WriteLine($"OTEL_EXPORTER_OTLP_ENDPOINT={endpoint}");
        context.Out.WriteLine($"OTEL_EXPORTER_OTLP_HEADERS=\"Authorization=Bearer {created.FullKey}\"");
        context.Out.WriteLine("The ingest key is shown only now; store it safely.");
        return 0;
    }

    private static async Task<int> ListAsync(CliContext context)
    {
        var db = context.Get<SpendOpsDbContext>();
        var tenants = context.Args.Option("tenant") is { } name
            ? [await KeyCommands.FindTenantAsync(context, name)]
            : await db.Tenants.AsNoTracking().OrderBy(t => t.Name).ToListAsync(context.CancellationToken);
        var service = context.Get<TelemetryConnectionService>();
        var rows = new List<(string Tenant, TelemetryConnectionSummary Connection)>();
        foreach (var tenant in tenants)
            rows.AddRange((await service.ListAsync(tenant.Id, context.CancellationToken)).Select(c => (tenant.Name, c)));
        if (context.Args.Flag("json"))
        {
            CliOutput.WriteJson(context.Out, rows.Select(r => new
            {
                id = r.Connection.Id, name = r.Connection.Name, tenant = r.Tenant, source = TelemetrySourceNames.ToName(r.Connection.Source),
                endpoint = BaseUrl(context) + r.Connection.EndpointPath, lastReceivedAt = r.Connection.LastReceivedAt,
                keys = r.Connection.Keys.Select(k => new { id = k.Id, hint = k.DisplayHint, status = k.Status, lastUsedAt = k.LastUsedAt }),
            }));
            return 0;
        }
        CliOutput.WriteTable(context.Out, ["ID", "NAME", "TENANT", "SOURCE", "LAST RECEIVED", "KEYS"],
            rows.Select(r => new[]
            {
                r.Connection.Id.ToString(), r.Connection.Name, r.Tenant, TelemetrySourceNames.ToName(r.Connection.Source), CliOutput.Date(r.Connection.LastReceivedAt),
                string.Join(",", r.Connection.Keys.Select(k => $"{k.Id}:{k.Status.ToString().ToLowerInvariant()}")),
            }));
        return 0;
    }

    private static async Task<int> RotateAsync(CliContext context)
    {
        var id = context.Args.RequiredPositional(0, "a connection ID or ingest key ID (see 'connections list')");
        var key = await FindKeyAsync(context, id);
        var rotated = await context.Get<TelemetryConnectionService>().RotateKeyAsync(key.TenantId, key.Id, context.Actor, context.CancellationToken);
        if (context.Args.Flag("json"))
            CliOutput.WriteJson(context.Out, new { id = rotated.Key.Id, connectionId = rotated.Key.ConnectionId, ingestKey = rotated.FullKey });
        else
            context.Out.WriteLine($"Rotated ingest key {rotated.Key.Id}; the previous secret no longer works. New key (shown only now):\n{rotated.FullKey}");
        return 0;
    }

    private static async Task<int> RevokeAsync(CliContext context)
    {
        var id = context.Args.RequiredPositional(0, "an ingest key ID (see 'connections list')");
        var key = await FindKeyAsync(context, id);
        await context.Get<TelemetryConnectionService>().RevokeKeyAsync(key.TenantId, key.Id, context.Actor, context.CancellationToken);
        context.Out.WriteLine($"Revoked ingest key {key.Id}.");
        return 0;
    }

    /// <summary>An ingest key by its id, or the active key of a connection given by the connection's id.</summary>
    private static async Task<Core.Keys.IngestKey> FindKeyAsync(CliContext context, string id)
    {
        var db = context.Get<SpendOpsDbContext>();
        if (await db.IngestKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, context.CancellationToken) is { } key)
            return key;
        if (Guid.TryParse(id, out var connectionId))
        {
            var keys = await db.IngestKeys.AsNoTracking().Where(k => k.ConnectionId == connectionId && k.Status == Core.Keys.IngestKeyStatus.Active).ToListAsync(context.CancellationToken);
            if (keys.Count == 1)
                return keys[0];
            if (keys.Count > 1)
                throw new DomainException($"Connection {id} has {keys.Count} active keys; rotate one by its key id (see 'connections list').");
        }
        throw new DomainException($"No ingest key or connection with an active key has id '{id}'.");
    }

    /// <summary>The public address users send to: <c>--base-url</c>, else <c>PublicBaseUrl</c>, else the first of <c>Urls</c>.</summary>
    private static string BaseUrl(CliContext context)
    {
        if (context.Args.Option("base-url") is { Length: > 0 } given)
            return given.Trim().TrimEnd('/');
        var configuration = context.Get<IConfiguration>();
        var listening = configuration["Urls"]?.Split(';')[0] is { Length: > 0 } first ? first : "http://localhost:5080";
        return Portal.PublicBaseUrl.Resolve(configuration, listening);
    }
}
