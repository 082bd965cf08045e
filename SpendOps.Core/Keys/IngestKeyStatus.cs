namespace SpendOps.Core.Keys;

public enum IngestKeyStatus
{
    Active = 0,

    /// <summary>Permanently off; senders get 401. Create a new key instead of re-enabling.</summary>
    Revoked = 1,
}
