namespace SpendOps.Core.Telemetry;

public enum TelemetryBatchOutcome
{
    /// <summary>Parsed and mapped; its usage records were written in the same transaction.</summary>
    Accepted = 0,

    /// <summary>Answered 400: the body could not be decoded. Kept so support can see what the sender sent.</summary>
    Rejected = 1,
}
