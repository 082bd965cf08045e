using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SpendOps.Core.Jobs;

/// <summary>Runs of the background jobs on this instance (meter <c>SpendOps.Jobs</c>), recorded by <see cref="JobRunFilter"/>.</summary>
public sealed class JobMetrics
{
    public const string MeterName = "SpendOps.Jobs";

    private readonly Counter<long> runs;
    private readonly Histogram<double> duration;

    public JobMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        runs = meter.CreateCounter<long>("spendops.jobs.runs", description: "Background job runs on this instance, by job and outcome (succeeded, failed, skipped, canceled)");
        duration = meter.CreateHistogram<double>("spendops.jobs.duration", unit: "s", description: "How long background job runs took, by job and outcome");
    }

    internal void RecordRun(string job, string outcome, TimeSpan? elapsed)
    {
        var tags = new TagList { { "job", job }, { "outcome", outcome } };
        runs.Add(1, tags);
        if (elapsed is { } took)
            duration.Record(took.TotalSeconds, tags);
    }
}
