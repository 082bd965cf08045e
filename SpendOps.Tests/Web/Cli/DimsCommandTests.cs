using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary><c>dims list|set|remove</c> and <c>tenants update --time-zone</c>: real processes against the running proxy's database.</summary>
public sealed class DimsCommandTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task DimsSet_ThenList_Json_ShowsTheCatalogue()
    {
        await cli.RunAsync("tenants", "create", "cat-list");

        var team = await cli.RunAsync("dims", "set", "--tenant", "cat-list", "--name", "Team", "--description", "Owning team", "--required", "--values", "backend, web", "--json");
        var user = await cli.RunAsync("dims", "set", "--tenant", "cat-list", "--name", "user");
        var list = await cli.RunAsync("dims", "list", "--tenant", "cat-list", "--json");

        Assert.Equal(0, team.ExitCode);
        Assert.Equal("team", JsonDocument.Parse(team.Output).RootElement.GetProperty("name").GetString());
        Assert.Equal("Added dimension 'user' for tenant 'cat-list': optional, values: free text. The proxies apply it within seconds.", user.Output.Trim());
        var entries = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().ToList();
        Assert.Equal(["team", "user"], entries.Select(e => e.GetProperty("name").GetString()));
        Assert.Equal("Owning team", entries[0].GetProperty("description").GetString());
        Assert.True(entries[0].GetProperty("required").GetBoolean());
        Assert.Equal(["backend", "web"], entries[0].GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        Assert.False(entries[1].GetProperty("required").GetBoolean());
        Assert.Empty(entries[1].GetProperty("allowedValues").EnumerateArray());
    }

    [Fact]
    public async Task DimsSet_OnlyOptional_KeepsDescriptionAndValues()
    {
        await cli.RunAsync("tenants", "create", "cat-merge");
        await cli.RunAsync("dims", "set", "--tenant", "cat-merge", "--name", "env", "--description", "Stage", "--required", "--values", "prod,staging");

        var changed = await cli.RunAsync("dims", "set", "--tenant", "cat-merge", "--name", "env", "--optional");
        var freeText = await cli.RunAsync("dims", "set", "--tenant", "cat-merge", "--name", "env", "--free-text", "--json");

        Assert.Equal("Changed dimension 'env' for tenant 'cat-merge': optional, values: prod,staging. The proxies apply it within seconds.", changed.Output.Trim());
        var entry = JsonDocument.Parse(freeText.Output).RootElement;
        Assert.Equal("Stage", entry.GetProperty("description").GetString());
        Assert.False(entry.GetProperty("required").GetBoolean());
        Assert.Empty(entry.GetProperty("allowedValues").EnumerateArray());
    }

    [Fact]
    public async Task DimsSetRequired_TakesEffectInTheRunningProxy_AndRemoveLiftsIt()
    {
        await cli.RunAsync("tenants", "create", "cat-proxy");
        var key = JsonDocument.Parse((await cli.RunAsync("keys", "create", "--tenant", "cat-proxy", "--name", "k", "--json")).Output).RootElement.GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await CallAsync(key, null));

        Assert.Equal(0, (await cli.RunAsync("dims", "set", "--tenant", "cat-proxy", "--name", "user", "--required")).ExitCode);
        await WaitForAsync(key, null, HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(key, "user=alice"));
        var removed = await cli.RunAsync("dims", "remove", "--tenant", "cat-proxy", "--name", "USER");

        Assert.Equal("Removed dimension 'user' from the catalogue of tenant 'cat-proxy'.", removed.Output.Trim());
        await WaitForAsync(key, null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task DimsChanges_AreAudited()
    {
        await cli.RunAsync("tenants", "create", "cat-audit");
        await cli.RunAsync("dims", "set", "--tenant", "cat-audit", "--name", "team", "--values", "a,b");
        await cli.RunAsync("dims", "remove", "--tenant", "cat-audit", "--name", "team");
        await cli.RunAsync("tenants", "update", "cat-audit", "--time-zone", "Asia/Tokyo");

        var tenant = await fixture.EnsureTenantAsync("cat-audit");
        var entries = await fixture.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.TenantId == tenant.Id).OrderBy(a => a.Id).ToListAsync());

        Assert.Equal(["tenant.created", "dims.set", "dims.removed", "tenant.time_zone_changed"], entries.Select(e => e.Action));
        Assert.Equal("optional; values: a, b", entries[1].Details);
        Assert.Equal("UTC -> Asia/Tokyo", entries[3].Details);
        Assert.StartsWith("cli:", entries[3].Actor);
    }

    [Fact]
    public async Task DimsSet_ThatAKeyWouldOutgrow_IsRefusedNamingTheKey()
    {
        await cli.RunAsync("tenants", "create", "cat-conflict");
        var id = JsonDocument.Parse((await cli.RunAsync("keys", "create", "--tenant", "cat-conflict", "--name", "reports", "--allow-dims", "team,env", "--json")).Output)
            .RootElement.GetProperty("id").GetString();

        var result = await cli.RunAsync("dims", "set", "--tenant", "cat-conflict", "--name", "team");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"error: Key 'reports' ({id}) allows dimension 'env', which is not in the tenant's dimension catalogue (team) after this change. Change that key's policy first.",
            result.Error.Trim());
    }

    [Fact]
    public async Task KeysCreate_WiderThanTheCatalogue_IsRefused()
    {
        await cli.RunAsync("tenants", "create", "cat-narrow");
        await cli.RunAsync("dims", "set", "--tenant", "cat-narrow", "--name", "team");

        var result = await cli.RunAsync("keys", "create", "--tenant", "cat-narrow", "--name", "k", "--require-dims", "user");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: The key requires dimension 'user', which is not in the tenant's dimension catalogue (team). "
            + "A key can only narrow the tenant's catalogue: change the key, or the catalogue under Settings.", result.Error.Trim());
    }

    [Fact]
    public async Task TenantsUpdate_TimeZone_Json_IsShownByTenantsList()
    {
        await cli.RunAsync("tenants", "create", "zoned");

        var update = await cli.RunAsync("tenants", "update", "zoned", "--time-zone", "America/New_York", "--json");
        var list = await cli.RunAsync("tenants", "list", "--json");

        Assert.Equal(0, update.ExitCode);
        Assert.Equal("America/New_York", JsonDocument.Parse(update.Output).RootElement.GetProperty("timeZone").GetString());
        var zoned = JsonDocument.Parse(list.Output).RootElement.EnumerateArray().Single(t => t.GetProperty("name").GetString() == "zoned");
        Assert.Equal("America/New_York", zoned.GetProperty("timeZone").GetString());
    }

    [Theory]
    [InlineData(2, "error: 'tenants update' needs something to change: --time-zone, --requests-per-minute or --tokens-per-minute", "tenants", "update", "default")]
    [InlineData(2, "error: 'tenants update' needs a tenant NAME", "tenants", "update", "--time-zone", "UTC")]
    [InlineData(1, "error: Unknown time zone 'Mars/Olympus': use an IANA id such as Europe/Berlin, America/New_York or UTC.", "tenants", "update", "default", "--time-zone", "Mars/Olympus")]
    [InlineData(1, "error: No tenant named 'nobody'.", "tenants", "update", "nobody", "--time-zone", "UTC")]
    [InlineData(2, "error: 'dims list' needs --tenant", "dims", "list")]
    [InlineData(2, "error: 'dims set' needs --name", "dims", "set", "--tenant", "default")]
    [InlineData(2, "error: --required and --optional exclude each other", "dims", "set", "--tenant", "default", "--name", "x", "--required", "--optional")]
    [InlineData(2, "error: --values and --free-text exclude each other", "dims", "set", "--tenant", "default", "--name", "x", "--values", "a", "--free-text")]
    [InlineData(1, "error: Invalid dimension name 'my team': use 1 to 64 letters, digits, '_', '-' or '.'.", "dims", "set", "--tenant", "default", "--name", "my team")]
    [InlineData(1, "error: Dimension 'nothing' is not in the catalogue of tenant 'default'.", "dims", "remove", "--tenant", "default", "--name", "nothing")]
    [InlineData(2, "error: 'dims set' has no option --colour", "dims", "set", "--colour", "red")]
    public async Task BadCommandLine_PrintsOneClearLineAndFails(int exitCode, string expected, params string[] args)
    {
        var result = await cli.RunAsync(args);

        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}: {result.Error} {result.Output}");
        Assert.StartsWith(expected, result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    private async Task<HttpStatusCode> CallAsync(string key, string? dims)
    {
        using var client = fixture.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\",\"messages\":[]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        if (dims is not null)
            request.Headers.Add("X-ASO-Dims", dims);
        return (await client.SendAsync(request)).StatusCode;
    }

    private async Task WaitForAsync(string key, string? dims, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        while ((status = await CallAsync(key, dims)) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(expected, status);
    }
}
