using System.Net;
using System.Text;
using SpendOps.Tests.Infrastructure;
using static SpendOps.Tests.Proxy.Auth.KeyStorageTestApps;

namespace SpendOps.Tests.Proxy.Auth;

/// <summary>Keyed key hashes on SQLite, and where the hash secret comes from when it is not configured.</summary>
public sealed class SqliteKeyedHashTests : KeyedHashScenarios
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());

    [Fact]
    public Task CreatedKey_IsStoredAsHmacOfItsSha256_NotThePlainHash() => CreatedKey_IsStoredAsHmacOfItsSha256_NotThePlainHashAsync();

    [Fact]
    public Task OldSchemeRows_AuthenticateAfterStart_AndAreRewritten() => OldSchemeRows_AuthenticateAfterStart_AndAreRewrittenAsync();

    [Fact]
    public Task InstanceWithAnotherSecret_RefusesKeysWith403_AndSaysSoOnce() => InstanceWithAnotherSecret_RefusesKeysWith403_AndSaysSoOnceAsync();

    [Fact]
    public async Task HashSecret_NeverInLogsOrInTheKeyTables()
    {
        await HashSecret_NeverInLogsOrInTheKeyTablesAsync();

        // Nowhere in the database file either (its write-ahead log included).
        var file = Database.ConnectionString["Data Source=".Length..];
        foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
        {
            var text = Encoding.Latin1.GetString(await ReadSharedAsync(path));
            foreach (var form in SecretForms(TestEnvironment.KeyHashSecret))
                Assert.DoesNotContain(form, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task WithoutConfiguredSecret_FileIsCreatedOwnerOnly_LoggedOnce_AndSharedByTheNextInstance()
    {
        var path = Path.Combine(TestEnvironment.TempDirectory("key-secret"), "data", "key-hash-secret");
        void FromFile(SpendOpsAppFactory app)
        {
            app.Settings["Keys:HashSecret"] = "";
            app.Settings["Keys:HashSecretFile"] = path;
        }
        var firstLog = new CapturedLog();
        await using var upstream = await FakeUpstream.StartAsync();
        await using var first = Start(Database, upstream.BaseUrl, firstLog, FromFile);

        Assert.True(File.Exists(path));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        var created = Assert.Single(firstLog.Warnings, line => line.Contains("key hash secret", StringComparison.Ordinal));
        Assert.Contains(path, created, StringComparison.Ordinal);
        Assert.Contains("back it up", created, StringComparison.Ordinal);
        Assert.Contains("every instance", created, StringComparison.Ordinal);
        var secret = (await File.ReadAllTextAsync(path)).Trim();
        Assert.Equal(32, Convert.FromBase64String(secret).Length);
        Assert.DoesNotContain(firstLog.Warnings, line => line.Contains(secret, StringComparison.Ordinal));
        var key = await CreateKeyAsync(first);

        var secondLog = new CapturedLog();
        await using var second = Start(Database, upstream.BaseUrl, secondLog, FromFile);

        Assert.Equal(HttpStatusCode.OK, (await CallAsync(second, key.FullKey)).Status);
        Assert.Equal(secret, (await File.ReadAllTextAsync(path)).Trim());
        Assert.DoesNotContain(secondLog.Warnings, line => line.Contains("key hash secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("c2hvcnQ=")]
    [InlineData("not base64 at all!")]
    public async Task ConfiguredSecretTooShortOrNotBase64_RefusesToStart_NamingTheSetting(string value)
    {
        var app = new SpendOpsAppFactory(Database, NoUpstreamUsed);
        app.Settings["Keys:HashSecret"] = value;
        try
        {
            var error = Assert.ThrowsAny<Exception>(() => app.Start());

            Assert.Contains("Keys:HashSecret must be base64 of at least 32 random bytes", error.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(value, error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
