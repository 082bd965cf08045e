using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Keys;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Usage;
using SpendOps.Tests.Infrastructure;

namespace SpendOps.Tests.Proxy.Faults;

/// <summary>
/// Broken providers and impatient clients, many at once: SpendOps never answers 500, every exchange ends, and
/// every call that reached the provider has exactly one usage record (none for a call the provider never saw).
/// Calls are told apart by their model (<c>{run}-{n}</c>), which the provider receives and the record stores.
/// </summary>
public abstract class FaultSuiteTests(FaultSuiteFixture fixture) : IAsyncLifetime
{
    private static readonly TimeSpan HangGuard = FaultSuiteClients.HangGuard;

    private readonly string run = "run" + Guid.NewGuid().ToString("N")[..8];
    private CreatedApiKey key = null!;

    [OnDatabase(DatabaseKind.Sqlite)]
    public sealed class OnSqlite(FaultSuiteFixture.Sqlite fixture) : FaultSuiteTests(fixture), IClassFixture<FaultSuiteFixture.Sqlite>;

    [OnDatabase(DatabaseKind.Postgres)]
    public sealed class OnPostgres(FaultSuiteFixture.Postgres fixture) : FaultSuiteTests(fixture), IClassFixture<FaultSuiteFixture.Postgres>;

    public async Task InitializeAsync()
    {
        if (OnDatabaseAttribute.SkipReason(fixture is FaultSuiteFixture.Postgres ? DatabaseKind.Postgres : DatabaseKind.Sqlite) is not null)
            return;
        fixture.Upstream.Requests.Clear();
        key = await fixture.CreateKeyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task BrokenProviders_AreAnsweredWithoutServerErrorsAndRecordedOnce()
    {
        string[] faults =
        [
            .. Repeat("reset-before-headers", 4), .. Repeat("reset-mid-body", 4), .. Repeat("reset-mid-stream", 4),
            .. Repeat("stall-before-headers", 2), .. Repeat("stall-mid-stream", 2),
            .. Repeat("drip", 2), .. Repeat("giant", 2), .. Repeat("gzip", 4),
        ];
        using var clients = Clients();

        var outcomes = await Task.WhenAll(faults.Select((fault, n) => clients.CallAsync(Call(n), fault)));

        foreach (var outcome in outcomes)
            AssertAnswer(outcome);
        var records = await AssertOneRecordPerCallTheProviderSawAsync(outcomes, expectedSeen: outcomes.Select(o => o.Call));
        foreach (var outcome in outcomes.Where(o => o.Fault is "drip" or "giant" or "gzip"))
        {
            var record = records[outcome.Call];
            Assert.True(record.UsageComplete, outcome.Fault);
            Assert.Equal((516, 1024, 12), (record.Tokens.InputTokens, record.Tokens.CacheReadTokens, record.Tokens.OutputTokens));
        }
        foreach (var outcome in outcomes.Where(o => o.Fault.StartsWith("reset", StringComparison.Ordinal) || o.Fault.StartsWith("stall", StringComparison.Ordinal)))
        {
            // The provider ran the call but its usage never arrived: billable, usage unknown.
            var record = records[outcome.Call];
            Assert.True(record.Billable, outcome.Fault);
            Assert.False(record.UsageComplete, outcome.Fault);
        }
    }

    [DatabaseFact]
    public async Task TwoHundredConcurrentStreams_AreRelayedWholeAndRecordedOnce()
    {
        using var clients = Clients();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 200).Select(n => clients.CallAsync(Call(n), "stream")));

        foreach (var outcome in outcomes)
            AssertAnswer(outcome);
        var records = await AssertOneRecordPerCallTheProviderSawAsync(outcomes, expectedSeen: outcomes.Select(o => o.Call));
        Assert.All(records.Values, r => Assert.Equal((true, 516, 1024, 12), (r.UsageComplete, r.Tokens.InputTokens, r.Tokens.CacheReadTokens, r.Tokens.OutputTokens)));
    }

    [DatabaseFact]
    public async Task FiftyClientsAbortingAtRandomPoints_LeaveOneRecordPerCallTheProviderSaw()
    {
        var random = new Random(20261202);
        var plans = Enumerable.Range(0, 50).Select(n => (Call: n, Point: (AbortPoint)random.Next(3), Events: random.Next(1, 40))).ToList();
        using var clients = Clients();

        var outcomes = await Task.WhenAll(plans.Select(plan => plan.Point switch
        {
            AbortPoint.WhileSendingTheRequest => clients.AbortWhileSendingAsync(Call(plan.Call)),
            AbortPoint.BeforeHeaders => clients.AbortBeforeHeadersAsync(Call(plan.Call)),
            _ => clients.AbortMidStreamAsync(Call(plan.Call), plan.Events),
        }));

        Assert.All(outcomes, o => Assert.Null(o.Status));
        // A request the client abandoned while sending it is never forwarded: the provider saw only the others.
        var expectedSeen = plans.Where(p => p.Point != AbortPoint.WhileSendingTheRequest).Select(p => Call(p.Call));
        var records = await AssertOneRecordPerCallTheProviderSawAsync(outcomes, expectedSeen);
        Assert.All(records.Values, r => Assert.True(r.Billable));
    }

    private enum AbortPoint
    {
        WhileSendingTheRequest,
        BeforeHeaders,
        MidStream,
    }

    private string Call(int n) => $"{run}-{n}";

    private FaultSuiteClients Clients() => new(fixture, key.FullKey);

    private static IEnumerable<string> Repeat(string fault, int count) => Enumerable.Repeat(fault, count);

    /// <summary>What the client must read for each fault: the provider's answer, or SpendOps' 502/504 in the OpenAI shape.</summary>
    private static void AssertAnswer(FaultOutcome outcome)
    {
        Assert.True(outcome.Status is not (500 or 501 or 503), $"{outcome.Fault}: {outcome.Status}");
        Assert.StartsWith("aso_", outcome.RequestId);
        switch (outcome.Fault)
        {
            case "reset-before-headers":
                Assert.Equal((502, "aso_upstream_unreachable"), (outcome.Status, ErrorCode(outcome.Body)));
                break;
            case "stall-before-headers":
                Assert.Equal((504, "aso_upstream_timeout"), (outcome.Status, ErrorCode(outcome.Body)));
                Assert.Equal($"AI SpendOps: The OpenAI API did not answer within {FaultSuiteFixture.IdleTimeoutSeconds} s", ErrorMessage(outcome.Body));
                break;
            case "reset-mid-body" or "reset-mid-stream" or "stall-mid-stream":
                // The provider's 200 and part of its body were relayed, then the stream broke off as it did upstream;
                // or the provider failed before anything reached the client, which then gets SpendOps' own answer.
                if (outcome.Status == 200)
                    Assert.True(outcome.Body is null, $"{outcome.Fault}: the client read a whole body");
                else if (outcome.Fault == "stall-mid-stream")
                    Assert.Equal((504, "aso_upstream_timeout"), (outcome.Status, ErrorCode(outcome.Body)));
                else
                    Assert.Equal((502, "aso_upstream_unreachable"), (outcome.Status, ErrorCode(outcome.Body)));
                break;
            case "giant":
                Assert.Equal(200, outcome.Status);
                Assert.Equal(FaultSuiteUpstream.GiantStream, outcome.Body);
                break;
            case "gzip":
                Assert.Equal(200, outcome.Status);
                Assert.Equal(FaultSuiteUpstream.GzipStream, outcome.Body);
                break;
            default:
                Assert.Equal(200, outcome.Status);
                Assert.Equal(FaultSuiteUpstream.Stream, outcome.Body);
                break;
        }
    }

    private static string? ErrorCode(byte[]? body) => JsonDocument.Parse(body!).RootElement.GetProperty("error").GetProperty("code").GetString();

    private static string? ErrorMessage(byte[]? body) => JsonDocument.Parse(body!).RootElement.GetProperty("error").GetProperty("message").GetString();

    /// <summary>
    /// Compares what the provider received with the stored records once the usage writer has drained: exactly one
    /// record per call it saw, carrying the request id the client was given, and none for any other call.
    /// </summary>
    private async Task<Dictionary<string, UsageRecord>> AssertOneRecordPerCallTheProviderSawAsync(IReadOnlyList<FaultOutcome> outcomes, IEnumerable<string> expectedSeen)
    {
        var seen = fixture.Upstream.Requests.Select(r => System.Web.HttpUtility.ParseQueryString(r.QueryString)["call"]!).Where(c => c.StartsWith(run + "-", StringComparison.Ordinal)).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expectedSeen.Order(), seen.Order());

        var records = await WaitForDrainedRecordsAsync(seen.Count);
        var byCall = records.GroupBy(r => r.ModelRequested!).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(seen.Order(), byCall.Keys.Order());
        foreach (var (call, stored) in byCall)
            Assert.True(stored.Count == 1, $"{call} has {stored.Count} usage records");
        Assert.Equal(records.Count, records.Select(r => r.RequestId).Distinct().Count());
        foreach (var outcome in outcomes.Where(o => o.RequestId is not null))
            Assert.Equal(outcome.RequestId, byCall[outcome.Call].Single().RequestId);
        return byCall.ToDictionary(c => c.Key, c => c.Value.Single());
    }

    /// <summary>This run's records once at least <paramref name="expected"/> are stored and nothing is left queued.</summary>
    private async Task<List<UsageRecord>> WaitForDrainedRecordsAsync(int expected)
    {
        var metrics = fixture.App.Services.GetRequiredService<UsageMetrics>();
        var deadline = DateTime.UtcNow + HangGuard;
        while (true)
        {
            var records = await fixture.WithDbAsync(db => db.UsageRecords.AsNoTracking().Where(r => r.ModelRequested!.StartsWith(run + "-")).ToListAsync());
            if (records.Count >= expected && metrics.QueueLength == 0)
                return records;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{records.Count} of {expected} usage records stored, {metrics.QueueLength} still queued.");
            await Task.Delay(100);
        }
    }
}
