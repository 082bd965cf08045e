namespace SpendOps.Proxy.Auth;

public enum KeyFailure
{
    None = 0,
    Missing = 1,
    Format = 2,

    /// <summary>Well-formed but not usable: no such key, wrong secret (rotated), disabled or expired.</summary>
    Unknown = 3,
}
