using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using SpendOps.Core.Providers;

namespace SpendOps.Tests.Infrastructure;

/// <summary>
/// The real SpendOps host on a real loopback port, over a real database, with every provider pointed at
/// <see cref="FakeUpstream"/> (or at whatever <see cref="ProviderBaseUrls"/> says).
/// </summary>
public sealed class SpendOpsAppFactory(TestDatabase database, string upstreamBaseUrl) : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@spendops.test";
    public const string AdminPassword = "Admin-Password-1";

    public Dictionary<string, string?> Settings { get; } = new();

    /// <summary>
    /// Settings the program reads while it registers its services (which exporters run). <see cref="Settings"/> reach
    /// the configuration only when the host is built; these are handed to the program as its arguments.
    /// </summary>
    public Dictionary<string, string?> StartupSettings { get; } = new();
    public Dictionary<string, string> ProviderBaseUrls { get; } = new();
    public string SpillDirectory { get; } = TestEnvironment.TempDirectory("spill");
    public string DataDirectory { get; } = TestEnvironment.TempDirectory("data");
    public string JournalDirectory { get; } = TestEnvironment.TempDirectory("journal");

    public TestDatabase Database => database;

    /// <summary>Extra service registrations (applied after the app's own), e.g. a test-only job and what it reports to.</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>The host's clock ("today", "this month"): the real time unless a test stops it.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>The started server's base address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    public SpendOpsAppFactory Start()
    {
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
        return this;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseAddress };

    public string ProxyUrl(string provider) => new Uri(BaseAddress, $"/v1/{provider}").ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in StartupSettings)
            builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            // The product's own lines down to Debug go to the run-wide log that .ci/check-logs searches for secrets.
            logging.AddProvider(new RunLogProvider());
            logging.AddFilter<RunLogProvider>("SpendOps", LogLevel.Debug);
        });
        builder.ConfigureAppConfiguration((_, configuration) =>
        {
            var settings = new Dictionary<string, string?>
            {
                ["Bootstrap:Tenant"] = "default",
                ["Bootstrap:AdminEmail"] = AdminEmail,
                ["Bootstrap:AdminPassword"] = AdminPassword,
                ["Proxy:KeyCacheRefreshSeconds"] = "0.2",
                ["DataFolder"] = DataDirectory,
                ["Usage:SpillDirectory"] = SpillDirectory,
                // One secret for every test host, as for the instances of a deployment: a host started again on the
                // same database reads the sign-in keys the previous one stored.
                ["DataProtection:KeySecret"] = "spendops-tests-sign-in-key-secret",
                ["DataProtection:KeySecretFile"] = Path.Combine(DataDirectory, "data-protection.secret"),
                ["Usage:JournalDirectory"] = JournalDirectory,
                ["Usage:BatchDelayMilliseconds"] = "20",
                // Outages in tests are short: a long pause after one would only make the test wait.
                ["Usage:RetryMaxSeconds"] = "2",
                ["Jobs:Enabled"] = "false",
                ["Keys:HashSecret"] = TestEnvironment.KeyHashSecret,
            };
            foreach (var (key, value) in database.Settings)
                settings[key] = value;
            foreach (var provider in ProviderCatalog.All)
                settings[$"Proxy:Providers:{provider.Name}:BaseUrl"] = ProviderBaseUrls.GetValueOrDefault(provider.Name, upstreamBaseUrl);
            foreach (var (key, value) in Settings)
                settings[key] = value;
            configuration.AddInMemoryCollection(settings);
        });
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            TestServices?.Invoke(services);
        });
    }
}
