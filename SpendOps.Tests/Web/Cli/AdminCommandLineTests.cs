using System.Net;
using System.Text;
using System.Text.Json;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Cli;

/// <summary>The admin command line as operators and scripts use it: a real process against the proxy's database.</summary>
public sealed class AdminCommandLineTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    private readonly CliRunner cli = new(fixture.Database);

    [Fact]
    public async Task KeysCreate_Json_PrintsKeyThatWorksThroughTheProxy()
    {
        await cli.RunAsync("tenants", "create", "acme");

        var result = await cli.RunAsync("keys", "create", "--tenant", "acme", "--name", "claude team", "--providers", "anthropic,openai",
            "--models", "claude-*,gpt-4.1*", "--require-dims", "user", "--json");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Output);
        var key = json.RootElement.GetProperty("key").GetString()!;
        var id = json.RootElement.GetProperty("id").GetString()!;
        Assert.StartsWith($"aso_k_{id}.", key);
        Assert.Equal("acme", json.RootElement.GetProperty("tenant").GetString());
        Assert.Equal(HttpStatusCode.OK, await CallAsync(key, "user=alice", "claude-sonnet-4-5"));
        Assert.Equal(HttpStatusCode.Forbidden, await CallAsync(key, "user=alice", "claude-sonnet-4-5", provider: "google"));
        Assert.Equal(HttpStatusCode.BadRequest, await CallAsync(key, dims: null, "claude-sonnet-4-5"));
    }

    [Fact]
    public async Task KeysList_Json_ShowsStatusChangesAndNoSecrets()
    {
        await cli.RunAsync("tenants", "create", "listing");
        var created = JsonDocument.Parse((await cli.RunAsync("keys", "create", "--tenant", "listing", "--name", "batch jobs", "--json")).Output).RootElement;
        var id = created.GetProperty("id").GetString()!;
        var fullKey = created.GetProperty("key").GetString()!;

        var disable = await cli.RunAsync("keys", "disable", id);
        var list = await cli.RunAsync("keys", "list", "--tenant", "listing", "--json");

        Assert.Equal(0, disable.ExitCode);
        Assert.Contains("disabled", disable.Output);
        var entry = Assert.Single(JsonDocument.Parse(list.Output).RootElement.EnumerateArray());
        Assert.Equal(id, entry.GetProperty("id").GetString());
        Assert.Equal("batch jobs", entry.GetProperty("name").GetString());
        Assert.Equal("listing", entry.GetProperty("tenant").GetString());
        Assert.Equal("disabled", entry.GetProperty("status").GetString());
        Assert.DoesNotContain(fullKey.Split('.')[1], list.Output);
    }

    [Fact]
    public async Task KeysDisableEnableRotate_TakeEffectInTheRunningProxy()
    {
        await cli.RunAsync("tenants", "create", "ops");
        var created = JsonDocument.Parse((await cli.RunAsync("keys", "create", "--tenant", "ops", "--name", "k", "--json")).Output).RootElement;
        var id = created.GetProperty("id").GetString()!;
        var key = created.GetProperty("key").GetString()!;
        Assert.Equal(HttpStatusCode.OK, await CallAsync(key, null, "gpt-4.1"));

        Assert.Equal(0, (await cli.RunAsync("keys", "disable", id)).ExitCode);
        await WaitForAsync(key, HttpStatusCode.Forbidden);
        Assert.Equal(0, (await cli.RunAsync("keys", "enable", id)).ExitCode);
        await WaitForAsync(key, HttpStatusCode.OK);
        var rotated = await cli.RunAsync("keys", "rotate", id, "--json");
        var newKey = JsonDocument.Parse(rotated.Output).RootElement.GetProperty("key").GetString()!;

        await WaitForAsync(key, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, await CallAsync(newKey, null, "gpt-4.1"));
    }

    [Theory]
    [InlineData(2, "error: 'keys create' needs --tenant", "keys", "create", "--name", "x")]
    [InlineData(2, "error: 'keys create' has no option --colour", "keys", "create", "--colour", "red")]
    [InlineData(2, "error: --name needs a value", "keys", "create", "--tenant", "default", "--name")]
    [InlineData(1, "error: No tenant named 'nobody'. Create it with: tenants create nobody", "keys", "create", "--tenant", "nobody", "--name", "x")]
    [InlineData(1, "error: Unknown provider 'openia'", "keys", "create", "--tenant", "default", "--name", "x", "--providers", "openia")]
    [InlineData(1, "error: No API key with id 'nope'.", "keys", "disable", "nope")]
    [InlineData(2, "error: unknown command 'keys delete'.", "keys", "delete")]
    [InlineData(2, "error: --expires 'soon' is not an ISO 8601 date", "keys", "create", "--tenant", "default", "--name", "x", "--expires", "soon")]
    public async Task BadCommandLine_PrintsOneClearLineAndFails(int exitCode, string expected, params string[] args)
    {
        var result = await cli.RunAsync(args);

        Assert.True(exitCode == result.ExitCode, $"exit {result.ExitCode}: {result.Error} {result.Output} db={fixture.Database.ConnectionString}");
        Assert.StartsWith(expected, result.Error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Theory]
    [InlineData("error: unknown command 'budget list'.", "budget", "list")]
    [InlineData("error: unknown command 'tenant'.", "tenant")]
    [InlineData("error: unknown command 'serve --urls'.", "serve", "--urls", "http://127.0.0.1:0")]
    public async Task UnknownCommand_RefusedWithTheCommandListInsteadOfStartingAServer(string expected, params string[] args)
    {
        var result = await cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(expected, lines[0]);
        Assert.Equal("SpendOps admin commands (run against the configured database):", lines[1]);
        Assert.Contains(lines, l => l.StartsWith("budgets list", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("tenants create", StringComparison.Ordinal));
        Assert.Equal("", result.Output);
    }

    [Fact]
    public async Task TenantsCreate_Twice_SecondFails()
    {
        Assert.Equal(0, (await cli.RunAsync("tenants", "create", "twice")).ExitCode);

        var again = await cli.RunAsync("tenants", "create", "twice");

        Assert.Equal(1, again.ExitCode);
        Assert.Equal("error: Tenant 'twice' already exists.", again.Error.Trim());
    }

    private async Task<HttpStatusCode> CallAsync(string key, string? dims, string model, string provider = "anthropic")
    {
        using var client = fixture.CreateClient();
        var path = provider == "google" ? $"/v1/google/v1beta/models/{model}:generateContent" : $"/v1/{provider}/v1/messages";
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent($"{{\"model\":\"{model}\",\"max_tokens\":1,\"messages\":[]}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key);
        if (dims is not null)
            request.Headers.Add("X-ASO-Dims", dims);
        return (await client.SendAsync(request)).StatusCode;
    }

    private async Task WaitForAsync(string key, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        while ((status = await CallAsync(key, null, "gpt-4.1", "openai")) != expected && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(expected, status);
    }
}
