namespace SpendOps.Core.Telemetry;

/// <summary>
/// The stored body of one raw batch, cut to the length asked for. Prompts and other content attributes are not
/// in it: the ingest redacts them before storing (<see cref="Redacted"/>).
/// </summary>
public sealed record TelemetryBatchBody(long Id, TelemetryBodyFormat Format, bool Redacted, string Text, int TotalLength)
{
    public bool Truncated => Text.Length < TotalLength;
}
