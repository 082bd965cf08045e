using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>
/// <c>Portal:Enabled=false</c>: an instance facing developers' traffic that forwards and records calls into the shared
/// database but exposes no portal, sign-in, exports or jobs dashboard, beside a portal instance on the same database.
/// </summary>
public sealed class ProxyOnlyInstanceTests
{
    private const string Fixture = "providers/openai-chat.json";

    /// <summary>On PostgreSQL, the database several instances share (SQLite is one instance's).</summary>
    [RequiresPostgresFact]
    public async Task ProxyOnlyInstance_ForwardsAndRecordsCalls_TheirUsageReachesThePortalInstance()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        upstream.Handler = FixtureFiles.Replay(Fixture);
        await using var database = await TestDatabase.PostgresAsync();
        await using var portal = new SpendOpsAppFactory(database, upstream.BaseUrl).Start();
        await using var proxyOnly = StartProxyOnly(database, upstream);
        var (tenantId, key) = await CreateKeyAsync(portal);
        using var stored = new FirstRecordWritten(proxyOnly);

        using var answer = await ProxyProbe.WaitForStatusAsync(() => ProxyProbe.ChatAsync(proxyOnly, key.FullKey), HttpStatusCode.OK);

        Assert.Equal(FixtureFiles.Bytes(Fixture), await answer.Content.ReadAsByteArrayAsync());
        var requestId = answer.Headers.GetValues(ProxyHeaders.RequestId).Single();
        await stored.Signal.WaitAsync(ProxyProbe.Promise);
        var record = await ReadAsync(portal, requestId);
        Assert.Equal(tenantId, record.TenantId);
        Assert.Equal(key.Key.Id, record.ApiKeyId);
        // The fixture's usage: 1,540 prompt tokens of which 1,024 cached, 12 completion tokens.
        Assert.Equal("gpt-4.1-2025-04-14", record.ModelReported);
        Assert.Equal(1540 - 1024, record.Tokens.InputTokens);
        Assert.Equal(1024, record.Tokens.CacheReadTokens);
        Assert.Equal(12, record.Tokens.OutputTokens);
        using var signIn = await portal.CreateHttpClient().GetAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/Account/Login")]
    [InlineData("/keys")]
    [InlineData("/jobs")]
    [InlineData("/api/usage/export?format=csv")]
    public async Task ProxyOnlyInstance_PortalPaths_Are404SayingWhy_WithNoCookie(string path)
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var database = TestDatabase.Sqlite();
        await using var proxyOnly = StartProxyOnly(database, upstream);
        using var client = proxyOnly.CreateHttpClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Portal:Enabled is false", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task ProxyOnlyInstance_HealthAndReadiness_Answer200()
    {
        await using var upstream = await FakeUpstream.StartAsync();
        await using var database = TestDatabase.Sqlite();
        await using var proxyOnly = StartProxyOnly(database, upstream);
        using var client = proxyOnly.CreateHttpClient();

        using var live = await client.GetAsync("/healthz");
        using var ready = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"database\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static SpendOpsAppFactory StartProxyOnly(TestDatabase database, FakeUpstream upstream)
    {
        var app = new SpendOpsAppFactory(database, upstream.BaseUrl);
        // Read while the services are registered, so handed over as a startup setting.
        app.StartupSettings["Portal:Enabled"] = "false";
        return app.Start();
    }

    private static async Task<(Guid TenantId, CreatedApiKey Key)> CreateKeyAsync(SpendOpsAppFactory portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var tenant = await scope.ServiceProvider.GetRequiredService<TenantService>().FindByNameAsync("default", CancellationToken.None)
            ?? throw new InvalidOperationException("The portal instance did not bootstrap its tenant.");
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenant.Id, "proxy only", KeyPolicy.Unrestricted, "test", CancellationToken.None);
        RunLog.IssuedSecret(created.FullKey);
        return (tenant.Id, created);
    }

    /// <summary>Read once, through the portal instance: the proxy-only instance's writer said it stored the call.</summary>
    private static async Task<SpendOps.Core.Usage.UsageRecord> ReadAsync(SpendOpsAppFactory portal, string requestId)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
        return await db.UsageRecords.AsNoTracking().SingleAsync(r => r.RequestId == requestId);
    }

    /// <summary>
    /// Completes when the usage writer of <paramref name="app"/> (its own meters, not another host's in this process)
    /// reports records written to the database.
    /// </summary>
    private sealed class FirstRecordWritten : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FirstRecordWritten(SpendOpsAppFactory app)
        {
            var meters = app.Services.GetRequiredService<IMeterFactory>();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name == "spendops.usage.written" && instrument.Meter.Scope == meters)
                    l.EnableMeasurementEvents(instrument);
            };
            listener.SetMeasurementEventCallback<long>((_, count, _, _) =>
            {
                if (count > 0)
                    written.TrySetResult();
            });
            listener.Start();
        }

        public Task Signal => written.Task;

        public void Dispose() => listener.Dispose();
    }
}
