using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>A record in the usage queue, with the journal segment holding its copy (null when it is not journaled).</summary>
internal readonly record struct QueuedRecord(UsageRecord Record, JournalSegment? Segment);
