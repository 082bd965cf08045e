using System.ComponentModel.DataAnnotations;

namespace SpendOps.Core.Telemetry;

/// <summary>The <c>Telemetry</c> section: limits of the OTLP ingest and how long its raw data is kept.</summary>
public sealed class TelemetryIngestOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>
    /// Largest accepted body, checked on the wire and again after gzip decompression (413 above it).
    /// Claude Code batches are a few KiB; 4 MiB leaves room for busy sessions without inviting abuse.
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Days raw batches are kept for validation before <see cref="TelemetryRetention"/> deletes them.</summary>
    [Range(1, 3650)]
    public int RawBatchRetentionDays { get; set; } = 14;

    /// <summary>
    /// Days a cumulative series may stay silent before its last value is forgotten. Forgetting it early would
    /// count the series' whole running total again, so keep this longer than any session lives.
    /// </summary>
    [Range(1, 3650)]
    public int SeriesStateRetentionDays { get; set; } = 35;
}
