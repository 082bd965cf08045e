using CsCheck;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;
using SpendOps.Tests.Proxy.Telemetry;

namespace SpendOps.Tests.Fuzzing;

/// <summary>
/// Numbers at and past the edges of what the fields hold (huge exponents, long digit runs, signs, NaN spelled out,
/// numbers as strings) in the cost, token and time fields: decoded and stored, or refused as a bad request.
/// </summary>
public sealed class OtlpNumberFuzzTests
{
    private static readonly Gen<string> Number =
        Gen.Select(Gen.OneOf("", "-", "+"), Gen.Char["0123456789"].Array[1, 30], Gen.OneOf("", ".5", ".0000001", "."), Gen.OneOf("", "e308", "e309", "e-400", "E+5", "e", "e99999"))
            .Select((sign, digits, fraction, exponent) => sign + new string(digits) + fraction + exponent);

    private static readonly Gen<string> Token = Gen.OneOf(
        Number,
        Number.Select(n => $"\"{n}\""),
        Gen.OneOf("NaN", "\"NaN\"", "Infinity", "\"Infinity\"", "\"-Infinity\"", "null", "true", "\"\"", "1.7976931348623157e308", "-1.7976931348623157e308", "18446744073709551616", "-9223372036854775809", "9223372036854775807"));

    [Fact]
    public void DecodeLogs_EdgeNumbersInCostAndTokens_DecodesOrRefuses()
    {
        Gen.Select(Token, Token, Gen.Bool).Sample((cost, tokens, asInt) =>
        {
            var body = OtlpPayloads.ApiRequest("req-n", cost: asInt ? $"{{\"intValue\":{cost}}}" : $"{{\"doubleValue\":{cost}}}", inputTokens: $"{{\"intValue\":{tokens}}}");
            DecodeOrRefuse(TelemetrySignal.Logs, body);
        }, iter: FuzzRun.Iterations(), threads: 1);
    }

    [Fact]
    public void DecodeMetrics_EdgeNumbersInValueAndTimes_DecodesOrRefuses()
    {
        Gen.Select(Token, Number, Number, Gen.Int[-1, 3]).Sample((value, start, time, temporality) =>
            DecodeOrRefuse(TelemetrySignal.Metrics, OtlpPayloads.CostPoint(value, start, time, temporality)),
            iter: FuzzRun.Iterations(), threads: 1);
    }

    private static void DecodeOrRefuse(TelemetrySignal signal, byte[] body)
    {
        DecodedOtlpRequest decoded;
        try
        {
            decoded = OtlpRequestDecoder.Decode(OtlpContentKind.Json, signal, body);
        }
        catch (OtlpFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return;
        }
        _ = decoded.RecordCount + decoded.AttributeCount;
        Assert.NotNull(decoded.StoredCopy().Body);
    }
}
