namespace SpendOps.Proxy.Telemetry;

internal enum OtlpBodyError
{
    None = 0,
    TooLarge,
    UnsupportedEncoding,
    BadGzip,
}
