using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SpendOps.Core.Data;
using SpendOps.Core.Telemetry;

namespace SpendOps.Proxy.Telemetry;

/// <summary>What the ingest handlers need, bound with <c>[AsParameters]</c>.</summary>
internal sealed record OtlpIngestServices(
    IngestKeyAuthenticator Authenticator,
    SpendOpsDbContext Db,
    TelemetryIngestor Ingestor,
    IOptions<TelemetryIngestOptions> Options,
    TelemetryIngestMetrics Metrics,
    ILoggerFactory LoggerFactory);
