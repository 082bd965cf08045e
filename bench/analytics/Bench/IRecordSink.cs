using SpendOps.Core.Usage;

namespace SpendOps.Bench.Analytics;

/// <summary>Where generated records go: SQLite through the product's own bulk inserter, PostgreSQL through COPY.</summary>
internal interface IRecordSink : IAsyncDisposable
{
    Task WriteAsync(IReadOnlyList<UsageRecord> records, CancellationToken cancellationToken);

    /// <summary>After the last batch: statistics for the planner, sequences past the ids written.</summary>
    Task FinishAsync(CancellationToken cancellationToken);
}
