namespace SpendOps.Proxy.Auth;

public enum KeyFailure
{
    None = 0,
    Missing = 1,
    Format = 2,

    /// <summary>Well-formed but not usable: no such key, wrong secret (rotated), disabled or expired.</summary>
    Unknown = 3,

    /// <summary>More than one key in the request (repeated header or a comma-separated list): which one counts is not ours to guess.</summary>
    Conflicting = 4,
}
