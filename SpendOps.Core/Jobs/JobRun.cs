namespace SpendOps.Core.Jobs;

/// <summary>One run of a job by <see cref="JobRunner"/>: how long it took and what the job returned, if it returns anything.</summary>
internal sealed record JobRun(TimeSpan Elapsed, object? Result);
