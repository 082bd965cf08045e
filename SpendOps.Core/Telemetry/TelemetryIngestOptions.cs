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

    /// <summary>
    /// Most records (metric data points plus log records) one request may carry (413 above it). The OpenTelemetry
    /// SDKs export at most 512 log records per batch by default; a few KiB of gzip can inflate to hundreds of
    /// thousands of tiny records, and each one costs work while the batch is written.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxRecordsPerRequest { get; set; } = 5_000;

    /// <summary>
    /// Most attributes one request may carry, counting resource, scope, record and point attributes and the
    /// entries nested in their values (413 above it). A Claude Code event has about 30.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxAttributesPerRequest { get; set; } = 100_000;

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
