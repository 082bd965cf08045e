using SpendOps.Proxy.Forwarding;

namespace SpendOps.Proxy.Auth;

/// <summary>What the proxy would do with a call: forward it to <see cref="ForwardedTo"/>, or answer <see cref="Error"/>.</summary>
/// <param name="ErrorBody">The JSON body of the error, in the provider's error shape, exactly as the proxy would send it.</param>
/// <param name="SecretChecked">False when only the key id was known, so a wrong or rotated secret was not caught.</param>
/// <param name="Dims">The dimensions the call would be recorded with.</param>
public sealed record DryRunResult(ProxyError? Error, string? ErrorBody, string? ForwardedTo, bool SecretChecked, IReadOnlyDictionary<string, string> Dims)
{
    public bool Forwarded => Error is null;
}
