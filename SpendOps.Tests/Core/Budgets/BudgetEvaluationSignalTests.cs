using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SpendOps.Core.Budgets;
using SpendOps.Core.Jobs;
using SpendOps.Tests.Core.Usage;

namespace SpendOps.Tests.Core.Budgets;

/// <summary>The usage writer's signal: one evaluation queued per quiet period however often spend is stored, none when switched off.</summary>
public sealed class BudgetEvaluationSignalTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Notify_ManyTimesWithinTheQuietPeriod_QueuesOneEvaluationPerPeriod()
    {
        var clock = new FixedClock(Start);
        var jobs = new RecordingJobClient();
        var signal = Signal(jobs, clock, new JobsOptions());

        Assert.True(signal.Notify());
        Assert.False(signal.Notify());
        clock.Now = Start.AddSeconds(4.9);
        Assert.False(signal.Notify());
        await jobs.WaitForAsync(1);
        clock.Now = Start.AddSeconds(5);
        Assert.True(signal.Notify());
        Assert.False(signal.Notify());
        await jobs.WaitForAsync(2);

        Assert.Equal(2, jobs.Created.Count);
        Assert.All(jobs.Created, job => Assert.Equal((typeof(BudgetEvaluationJob), nameof(BudgetEvaluationJob.RunAsync)), (job.Type, job.Method.Name)));
    }

    [Theory]
    [InlineData(false, true, 5)]
    [InlineData(true, false, 5)]
    [InlineData(true, true, 0)]
    public void Notify_JobsOrSignalOff_QueuesNothing(bool jobsEnabled, bool budgetsEnabled, int signalSeconds)
    {
        var jobs = new RecordingJobClient();
        var options = new JobsOptions { Enabled = jobsEnabled, Budgets = new BudgetJobOptions { Enabled = budgetsEnabled, SignalSeconds = signalSeconds } };

        var queued = Signal(jobs, new FixedClock(Start), options).Notify();

        Assert.False(queued);
        Assert.Empty(jobs.Created);
    }

    private static BudgetEvaluationSignal Signal(RecordingJobClient jobs, TimeProvider clock, JobsOptions options) =>
        new(new ServiceCollection().AddSingleton<IBackgroundJobClient>(jobs).BuildServiceProvider(), Options.Create(options), clock,
            NullLogger<BudgetEvaluationSignal>.Instance);

    /// <summary>Hangfire's client boundary: records the jobs queued instead of writing them to a storage.</summary>
    private sealed class RecordingJobClient : IBackgroundJobClient
    {
        private readonly List<Job> created = [];

        public IReadOnlyList<Job> Created
        {
            get
            {
                lock (created)
                    return created.ToList();
            }
        }

        public string Create(Job job, IState state)
        {
            lock (created)
                created.Add(job);
            return Guid.NewGuid().ToString();
        }

        public bool ChangeState(string jobId, IState state, string expectedState) => true;

        public async Task WaitForAsync(int count)
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (Created.Count < count)
                await Task.Delay(10, deadline.Token);
        }
    }
}
