using System.Net;
using System.Text;
using SpendOps.Core.Keys;
using SpendOps.Core.Usage;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// Calls that end before the provider's answer: the provider may have run (and billed) them, so they are stored as
/// billable with unknown usage, never as complete and free; only a call that never reached the provider is not billable.
/// </summary>
public sealed class FailureBeforeResponseTests(FaultsFixture fixture) : IClassFixture<FaultsFixture>, IAsyncLifetime
{
    private CreatedApiKey key = null!;

    public async Task InitializeAsync()
    {
        fixture.Upstream.Reset();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ResetBeforeHeaders_IsRecordedBillableWithUnknownUsage()
    {
        fixture.Upstream.Handler = UpstreamFaults.ResetBeforeHeaders;
        using var client = fixture.CreateClient();

        using var response = await client.SendAsync(Request("/v1/openai/v1/chat/completions"));
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal(502, record.StatusCode);
        Assert.True(record.Billable);
        Assert.False(record.UsageComplete);
        Assert.False(record.Tokens.HasAny);
        // Priced as it was written: no usage to price, so "usage unknown" and no cost (never $0).
        Assert.Equal(PricingStatus.UsageUnknown, record.PricingStatus);
        Assert.Null(record.CostUsd);
    }

    [Fact]
    public async Task ClientGoneWhileWaitingForHeaders_IsRecordedBillableWithUnknownUsage()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Upstream.Handler = UpstreamFaults.SilentUntilAborted(arrived);
        using var client = fixture.CreateClient();
        using var giveUp = new CancellationTokenSource();

        var call = client.SendAsync(Request("/v1/openai/v1/chat/completions"), giveUp.Token);
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        Assert.Equal(499, record.StatusCode);
        Assert.True(record.Billable);
        Assert.False(record.UsageComplete);
        Assert.Equal(PricingStatus.UsageUnknown, record.PricingStatus);
    }

    [Fact]
    public async Task ConnectionRefused_IsNotBillable()
    {
        using var client = fixture.CreateClient();

        using var response = await client.SendAsync(Request("/v1/mistral/v1/chat/completions"));
        var record = await fixture.WaitForKeyUsageAsync(key.Key.Id);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.False(record.Billable);
        Assert.True(record.UsageComplete);
        Assert.Equal(PricingStatus.NotBillable, record.PricingStatus);
    }

    private HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent("{\"model\":\"gpt-4.1\",\"messages\":[]}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-ASO-API-Key", key.FullKey);
        return request;
    }
}
