using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using SpendOps.Core.Data;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Durability;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>
/// The app keeps its files in <c>DataFolder</c>: relative to the app's folder (not to the working directory a service
/// manager starts it in), or wherever an absolute <c>DataFolder</c> says.
/// </summary>
public sealed class DataFolderTests
{
    [Fact]
    public void Default_IsDataBesideTheApp()
    {
        var configuration = new ConfigurationBuilder().Build();

        var folder = DataFolder.From(configuration);

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data"), folder.Path);
        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "data", "usage-spill"), folder.Resolve("usage-spill"));
        Assert.Equal("/srv/spill", folder.Resolve("/srv/spill"));
    }

    [Theory]
    [InlineData("./data/spendops.db", "spendops.db")]
    [InlineData("data/usage-spill", "usage-spill")]
    [InlineData("./data/keys/key-hash-secret", "keys/key-hash-secret")]
    [InlineData("database/spendops.db", "database/spendops.db")]
    public void PathsWrittenAsEarlierReleasesShippedThem_NameTheSameFiles(string configured, string inside)
    {
        var folder = DataFolder.At("/srv/spendops");

        Assert.Equal(Path.Combine("/srv/spendops", inside), folder.Resolve(configured));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AppStartedFromAnotherFolder_KeepsItsFilesInTheDataFolder(bool absolute)
    {
        var name = $"data-folder-test-{Guid.NewGuid():N}";
        var configured = absolute ? TestEnvironment.TempDirectory("data-folder") : name;
        var expected = absolute ? configured : Path.Combine(AppContext.BaseDirectory, name);
        await using var unused = TestDatabase.Sqlite();
        await using var upstream = await FakeUpstream.StartAsync();
        // Relative paths and generated secrets: everything the app keeps on disk by default.
        var settings = new Dictionary<string, string>
        {
            ["DataFolder"] = configured,
            ["ConnectionStrings:SpendOps"] = "Data Source=spendops.db",
            ["Keys:HashSecret"] = "",
            ["DataProtection:KeySecret"] = "",
            ["Proxy:Providers:openai:BaseUrl"] = upstream.BaseUrl,
        };
        try
        {
            await using (var app = await AppProcess.StartAsync(unused, settings))
            {
                // The login form's antiforgery token needs a sign-in key, and so the generated key secret.
                using var client = new HttpClient { BaseAddress = app.BaseAddress };
                using var form = await client.GetAsync("/Account/Login");
                Assert.Equal(HttpStatusCode.OK, form.StatusCode);
                // The command line, started from a folder of its own, finds the same database and key hash secret.
                var cli = new CliRunner(unused);
                foreach (var (key, value) in settings)
                    cli.Settings[key] = value;
                var created = await cli.RunAsync("keys", "create", "--tenant", "default", "--name", "data folder", "--json");
                Assert.Equal(0, created.ExitCode);
                using var json = JsonDocument.Parse(created.Output);
                // Not listed as an issued secret for the log check: `keys create` shows the key once on its output by
                // design, and the test run's log holds the command line's output.
                var apiKey = json.RootElement.GetProperty("key").GetString()!;
                using var call = await client.SendAsync(Chat(apiKey));
                Assert.Equal(HttpStatusCode.OK, call.StatusCode);

                Assert.True(File.Exists(Path.Combine(expected, "spendops.db")), app.Output);
                Assert.True(File.Exists(Path.Combine(expected, "key-hash-secret")), app.Output);
                Assert.True(File.Exists(Path.Combine(expected, "data-protection.secret")), app.Output);
                Assert.True(Directory.Exists(Path.Combine(expected, "usage-journal")), app.Output);
                Assert.Empty(Directory.EnumerateFileSystemEntries(app.WorkingDirectory));
                Assert.Contains($"Data folder: {expected}", app.Output, StringComparison.Ordinal);
                await app.StopAsync();
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(expected))
                Directory.Delete(expected, recursive: true);
        }
    }

    private static HttpRequestMessage Chat(string apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/openai/v1/chat/completions")
        {
            Content = new StringContent($$"""{"model":"gpt-4.1","messages":[{"role":"user","content":"{{Canaries.Prompt}}"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Authorization", "Bearer " + Canaries.OpenAiApiKey);
        request.Headers.Add("X-ASO-API-Key", apiKey);
        return request;
    }
}
