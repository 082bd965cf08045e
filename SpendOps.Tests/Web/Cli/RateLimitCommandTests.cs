using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Tests.Core.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary><c>tenants update</c> and <c>keys create/update</c> with rate limits, as operators type them.</summary>
public sealed class RateLimitCommandTests(SqliteUsageDatabaseFixture fixture) : IClassFixture<SqliteUsageDatabaseFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task TenantsUpdate_SetsDefaults_PrintsThemAndAudits()
    {
        var tenant = await TenantAsync();

        var set = await cli.RunAsync("tenants", "update", tenant, "--requests-per-minute", "600", "--tokens-per-minute", "100000");
        var cleared = await cli.RunAsync("tenants", "update", tenant, "--tokens-per-minute", "none");

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal($"Tenant '{tenant}': keys without their own limits get 600 requests and 100000 tokens per minute.", set.Output.Trim());
        Assert.Equal($"Tenant '{tenant}': keys without their own limits get 600 requests and unlimited tokens per minute.", cleared.Output.Trim());
        await using var db = fixture.CreateContext();
        var stored = await db.Tenants.SingleAsync(t => t.Name == tenant);
        Assert.Equal(600, stored.DefaultRequestsPerMinute);
        Assert.Null(stored.DefaultTokensPerMinute);
        var audit = await db.AuditEntries.Where(a => a.Action == "tenant.rate_limits_changed" && a.EntityId == stored.Id.ToString()).Select(a => a.Details).ToListAsync();
        Assert.Equal(["requests per minute: 600, tokens per minute: 100000", "requests per minute: 600, tokens per minute: none"], audit.Order());
    }

    [Fact]
    public async Task KeysCreateAndUpdate_LimitsStoredInThePolicy()
    {
        var tenant = await TenantAsync();
        var created = await cli.RunAsync("keys", "create", "--tenant", tenant, "--name", "ci", "--requests-per-minute", "60", "--json");
        var policy = JsonDocument.Parse(created.Output).RootElement.GetProperty("policy");
        var id = JsonDocument.Parse(created.Output).RootElement.GetProperty("id").GetString()!;

        var updated = await cli.RunAsync("keys", "update", id, "--requests-per-minute", "none", "--tokens-per-minute", "20000");

        Assert.Equal(60, policy.GetProperty("requestsPerMinute").GetInt32());
        Assert.True(updated.ExitCode == 0, updated.Error);
        Assert.Equal($"Key {id}: requests per minute from the tenant's default, 20000 tokens per minute.", updated.Output.Trim());
        await using var db = fixture.CreateContext();
        var key = await db.ApiKeys.SingleAsync(k => k.Id == id);
        Assert.Null(key.Policy.RequestsPerMinute);
        Assert.Equal(20000, key.Policy.TokensPerMinute);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "key.policy_changed" && a.EntityId == id));
    }

    [Theory]
    [InlineData("error: --requests-per-minute '0' is not a whole number of at least 1", "keys", "create", "--tenant", "T", "--name", "x", "--requests-per-minute", "0")]
    [InlineData("error: --tokens-per-minute '-5' is not a whole number of at least 1", "keys", "create", "--tenant", "T", "--name", "x", "--tokens-per-minute", "-5")]
    [InlineData("error: --requests-per-minute 'none' is not a whole number of at least 1", "keys", "create", "--tenant", "T", "--name", "x", "--requests-per-minute", "none")]
    [InlineData("error: --requests-per-minute '1.5' is not a whole number of at least 1 (or 'none' to remove the limit)", "tenants", "update", "T", "--requests-per-minute", "1.5")]
    [InlineData("error: --tokens-per-minute '0' is not a whole number of at least 1 (or 'none' to remove the limit)", "keys", "update", "k1", "--tokens-per-minute", "0")]
    [InlineData("error: 'tenants update' needs something to change: --time-zone, --requests-per-minute or --tokens-per-minute", "tenants", "update", "T")]
    [InlineData("error: 'keys update' needs something to change: --requests-per-minute or --tokens-per-minute", "keys", "update", "k1")]
    public async Task BadLimit_OneClearLineExitCode2(string expected, params string[] args)
    {
        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error} {result.Output}");
        var lines = result.Error.Trim().Split('\n');
        Assert.Equal(expected, lines[0]);
        Assert.StartsWith($"usage: {args[0]} {args[1]}", lines[1]); // the command's usage line follows, as for every usage error
    }

    private async Task<string> TenantAsync()
    {
        var name = "r" + Guid.NewGuid().ToString("N")[..8];
        Assert.Equal(0, (await cli.RunAsync("tenants", "create", name)).ExitCode);
        return name;
    }
}
