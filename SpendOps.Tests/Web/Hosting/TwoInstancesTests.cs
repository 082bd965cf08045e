using System.Net;
using Hangfire;
using Hangfire.Common;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Budgets;
using SpendOps.Core.Data;
using SpendOps.Core.Keys;
using SpendOps.Core.Pricing;
using SpendOps.Core.Tenancy;
using SpendOps.Proxy.Auth;
using SpendOps.Tests.Infrastructure;
using SpendOps.Tests.Proxy.Enforcement;

namespace SpendOps.Tests.Web.Hosting;

/// <summary>
/// Two instances on one PostgreSQL database behave as one deployment: jobs run once per schedule, key changes made on
/// one reach the other, a sign-in holds on both and across restarts, a blocking budget holds across both, and every
/// call is stored once. Waits are on conditions with generous deadlines; what is asserted is the eventual behaviour.
/// </summary>
public sealed class TwoInstancesTests(TwoInstancesFixture fixture) : IClassFixture<TwoInstancesFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [RequiresPostgresFact]
    public async Task RecurringJobs_BothServersRunning_EachOccurrenceRunsOnce()
    {
        var storage = fixture.A.Services.GetRequiredService<JobStorage>();

        var pricing = await WaitForSucceededRunsAsync(storage, PricingJob.Id, 3);
        var budgets = await WaitForSucceededRunsAsync(storage, BudgetEvaluationJob.Id, 3);

        Assert.Equal(2, storage.GetMonitoringApi().Servers().Count);
        Assert.Equal(pricing.Count, pricing.Distinct().Count());
        Assert.Equal(budgets.Count, budgets.Distinct().Count());
    }

    [RequiresPostgresFact]
    public async Task KeyPolicyChangedAndKeyDisabledOnA_AreRefusedByB()
    {
        var tenant = await TenantAsync(fixture.A);
        var key = await CreateKeyAsync(fixture.A, tenant.Id);
        await PollAsync(() => ProxyProbe.ChatAsync(fixture.B, key.FullKey), r => r.StatusCode == HttpStatusCode.OK);

        await WithKeysAsync(fixture.A, keys => keys.UpdateAsync(key.Key.Id, TenantScope.Of(tenant.Id), "two instances",
            KeyPolicy.Unrestricted with { AllowedModels = ["gpt-4o-mini"] }, null, "test", CancellationToken.None));
        var refused = await PollAsync(() => ProxyProbe.ChatAsync(fixture.B, key.FullKey, model: "gpt-4.1"), r => r.StatusCode != HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("AI SpendOps: Model not allowed by API key policy", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ProxyProbe.ChatAsync(fixture.B, key.FullKey, model: "gpt-4o-mini")).StatusCode);

        await WithKeysAsync(fixture.A, keys => keys.SetStatusAsync(key.Key.Id, TenantScope.Of(tenant.Id), ApiKeyStatus.Disabled, "test", CancellationToken.None));
        var disabled = await PollAsync(() => ProxyProbe.ChatAsync(fixture.B, key.FullKey, model: "gpt-4o-mini"), r => r.StatusCode != HttpStatusCode.OK);

        Assert.True(disabled.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"A disabled key answered {(int)disabled.StatusCode}");
        Assert.Contains("AI SpendOps: ", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [RequiresPostgresFact]
    public async Task SignInOnA_HoldsOnB_AndAfterBothRestart()
    {
        var a = TwoInstancesFixture.Start(fixture.Database, fixture.Upstream, jobs: false);
        var b = TwoInstancesFixture.Start(fixture.Database, fixture.Upstream, jobs: false);
        string cookie;
        try
        {
            using var login = await LoginForm.PostAsync(a.BaseAddress, SpendOpsAppFactory.AdminEmail, SpendOpsAppFactory.AdminPassword);
            Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
            cookie = LoginForm.IdentitySetCookie(login).Split(';')[0];

            Assert.Equal(HttpStatusCode.OK, await PortalStatusAsync(a, cookie));
            Assert.Equal(HttpStatusCode.OK, await PortalStatusAsync(b, cookie));
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }

        await using var restartedA = TwoInstancesFixture.Start(fixture.Database, fixture.Upstream, jobs: false);
        await using var restartedB = TwoInstancesFixture.Start(fixture.Database, fixture.Upstream, jobs: false);
        Assert.Equal(HttpStatusCode.OK, await PortalStatusAsync(restartedA, cookie));
        Assert.Equal(HttpStatusCode.OK, await PortalStatusAsync(restartedB, cookie));
        // Without the cookie the same page sends the visitor to sign in: the 200s above are the cookie's doing.
        Assert.Equal(HttpStatusCode.Redirect, await PortalStatusAsync(restartedB, cookie: null));
    }

    [RequiresPostgresFact]
    public async Task BlockingBudget_CallsSplitOverBoth_OverspendAtMostOneCallsMaximumCost()
    {
        try
        {
            await BudgetConcurrencyScenarios.ConcurrentStreams_OverspendAtMostOneCallsMaximumCostAsync([fixture.A, fixture.B], fixture.Upstream);
        }
        finally
        {
            fixture.Upstream.Reset();
        }
    }

    [RequiresPostgresFact]
    public async Task CallsThroughBoth_EveryRequestIdIsStoredOnce()
    {
        const int calls = 40;
        var tenant = await TenantAsync(fixture.A);
        var key = await CreateKeyAsync(fixture.A, tenant.Id);
        await PollAsync(() => ProxyProbe.ChatAsync(fixture.B, key.FullKey), r => r.StatusCode == HttpStatusCode.OK);

        var answers = await Task.WhenAll(Enumerable.Range(0, calls).Select(i => ProxyProbe.ChatAsync(i % 2 == 0 ? fixture.A : fixture.B, key.FullKey)));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var requestIds = answers.Select(r => r.Headers.GetValues(ProxyHeaders.RequestId).Single()).ToHashSet();
        Assert.Equal(calls, requestIds.Count);

        // The first (probe) call is stored too: calls + 1 rows for this key once both writers are done.
        var stored = await WaitForStoredRequestIdsAsync(key.Key.Id, calls + 1);

        Assert.Equal(calls + 1, stored.Count);
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.Subset(stored.ToHashSet(), requestIds);
    }

    private async Task<List<string>> WaitForStoredRequestIdsAsync(string keyId, int count)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            await using var scope = fixture.A.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SpendOpsDbContext>();
            var ids = await db.UsageRecords.AsNoTracking().Where(r => r.ApiKeyId == keyId).Select(r => r.RequestId).ToListAsync();
            if (ids.Count >= count || DateTime.UtcNow > deadline)
                return ids;
            await Task.Delay(100);
        }
    }

    /// <summary>Repeats <paramref name="call"/> until its answer satisfies <paramref name="done"/>, and returns that answer.</summary>
    private static async Task<HttpResponseMessage> PollAsync(Func<Task<HttpResponseMessage>> call, Func<HttpResponseMessage, bool> done)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var response = await call();
            if (done(response))
                return response;
            if (DateTime.UtcNow > deadline)
                Assert.Fail($"Still {(int)response.StatusCode} after {Deadline.TotalSeconds} s: {await response.Content.ReadAsStringAsync()}");
            response.Dispose();
            // Polling an HTTP endpoint: the key cache refreshes on its own timer.
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The scheduled times of the succeeded runs of recurring job <paramref name="id"/> on either instance, once there are
    /// at least <paramref name="count"/> (Hangfire's own record in the storage both instances share).
    /// </summary>
    private static async Task<List<long>> WaitForSucceededRunsAsync(JobStorage storage, string id, int count)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var times = new List<long>();
            using (var connection = storage.GetConnection())
            {
                // Job parameters are stored as JSON; runs queued by a signal rather than the schedule have no RecurringJobId.
                foreach (var job in storage.GetMonitoringApi().SucceededJobs(0, 5000))
                {
                    if (SerializationHelper.Deserialize<string>(connection.GetJobParameter(job.Key, "RecurringJobId")) == id)
                        times.Add(SerializationHelper.Deserialize<long>(connection.GetJobParameter(job.Key, "Time")));
                }
            }
            if (times.Count >= count)
                return times;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{times.Count} of {count} succeeded '{id}' runs within {Deadline}.");
            await Task.Delay(100);
        }
    }

    private static async Task<HttpStatusCode> PortalStatusAsync(SpendOpsAppFactory app, string? cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/pricing");
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private static async Task<Tenant> TenantAsync(SpendOpsAppFactory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<TenantService>().CreateAsync("two-" + Guid.NewGuid().ToString("N")[..8], "test", CancellationToken.None);
    }

    private static async Task<CreatedApiKey> CreateKeyAsync(SpendOpsAppFactory app, Guid tenantId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ApiKeyService>().CreateAsync(tenantId, "two instances", KeyPolicy.Unrestricted, "test", CancellationToken.None);
        RunLog.IssuedSecret(created.FullKey);
        return created;
    }

    private static async Task WithKeysAsync(SpendOpsAppFactory app, Func<ApiKeyService, Task> action)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ApiKeyService>());
    }
}
