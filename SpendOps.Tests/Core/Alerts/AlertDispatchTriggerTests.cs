using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Core.Alerts;

/// <summary>A saved alert is sent within seconds by a job run it starts itself, not at the dispatch job's next scheduled run.</summary>
public sealed class AlertDispatchTriggerTests : IAsyncLifetime
{
    private readonly TestDatabase database = TestDatabase.Sqlite();
    private FakeUpstream receiver = null!;

    public async Task InitializeAsync() => receiver = await FakeUpstream.StartAsync();

    public async Task DisposeAsync()
    {
        await receiver.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Enqueue_JobsRunningWithHourlySchedule_SentWithinSeconds()
    {
        using var host = await AlertsTestHost.CreateAsync(database,
        [
            new("Jobs:Enabled", "true"),
            new("Jobs:Pricing:Enabled", "false"),
            new("Jobs:Retention:Enabled", "false"),
            // The schedule alone would wait up to an hour.
            new("Jobs:AlertDispatch:IntervalSeconds", "3600"),
        ]);
        var tenant = await host.AddTenantAsync("acme");
        await host.Host.StartAsync();
        try
        {
            await host.EnqueueAsync(AlertsTestHost.ThresholdNotice(tenant, AlertsTestHost.Start), $"webhook:{receiver.BaseUrl}/hooks");

            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (receiver.Requests.IsEmpty && DateTime.UtcNow < deadline)
                await Task.Delay(50);

            Assert.Single(receiver.Requests);
        }
        finally
        {
            await host.Host.StopAsync();
        }
    }
}
