namespace SpendOps.Proxy.Auth;

public readonly record struct KeyResolution(ResolvedKey? Key, KeyFailure Failure)
{
    public static KeyResolution Fail(KeyFailure failure) => new(null, failure);
}
