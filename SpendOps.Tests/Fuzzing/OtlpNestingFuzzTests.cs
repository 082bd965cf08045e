using System.Text;
using CsCheck;
using Google.Protobuf;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;
using SpendOps.Proxy.Telemetry.Protos.Collector.Logs;
using SpendOps.Proxy.Telemetry.Protos.Common;
using SpendOps.Proxy.Telemetry.Protos.Logs;
using SpendOps.Tests.Proxy.Telemetry;

namespace SpendOps.Tests.Fuzzing;

/// <summary>
/// Attribute values and log bodies nested as deep as a client likes (kvlists in arrays in kvlists…), in both
/// encodings: decoded and stored, or refused as a bad request; never a stack overflow, which would end the process.
/// </summary>
public sealed class OtlpNestingFuzzTests
{
    /// <summary>A nesting path: true a kvlist level, false an array level.</summary>
    private static readonly Gen<bool[]> Shapes = Gen.Bool.Array[1, 600];

    [Fact]
    public void DecodeJson_DeeplyNestedValues_DecodesOrRefuses()
    {
        Shapes.Sample(shape =>
        {
            var nested = NestedJson(shape);
            var body = OtlpPayloads.ApiRequest("req-deep", extraAttributes: $",{{\"key\":\"deep\",\"value\":{nested}}}");
            DecodeOrRefuse(OtlpContentKind.Json, body);
        }, iter: Math.Max(200, FuzzRun.Iterations() / 10), threads: 1);
    }

    [Fact]
    public void DecodeProtobuf_DeeplyNestedValues_DecodesOrRefuses()
    {
        Shapes.Sample(shape =>
        {
            var nested = NestedProto(shape);
            var record = new LogRecord { Body = nested };
            record.Attributes.Add(new KeyValue { Key = "deep", Value = nested });
            var request = new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { ScopeLogs = { new ScopeLogs { LogRecords = { record } } } } } };
            DecodeOrRefuse(OtlpContentKind.Protobuf, request.ToByteArray());
        }, iter: Math.Max(200, FuzzRun.Iterations() / 10), threads: 1);
    }

    private static void DecodeOrRefuse(OtlpContentKind kind, byte[] body)
    {
        DecodedOtlpRequest decoded;
        try
        {
            decoded = OtlpRequestDecoder.Decode(kind, TelemetrySignal.Logs, body);
        }
        catch (OtlpFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return;
        }
        _ = decoded.AttributeCount;
        Assert.NotNull(decoded.StoredCopy().Body);
    }

    private static string NestedJson(bool[] shape)
    {
        var text = new StringBuilder();
        foreach (var kvlist in shape)
            text.Append(kvlist ? "{\"kvlistValue\":{\"values\":[{\"key\":\"k\",\"value\":" : "{\"arrayValue\":{\"values\":[");
        text.Append("{\"stringValue\":\"leaf\"}");
        foreach (var kvlist in Enumerable.Reverse(shape))
            text.Append(kvlist ? "}]}}" : "]}}");
        return text.ToString();
    }

    private static AnyValue NestedProto(bool[] shape)
    {
        var value = new AnyValue { StringValue = "leaf" };
        foreach (var kvlist in Enumerable.Reverse(shape))
        {
            value = kvlist
                ? new AnyValue { KvlistValue = new KeyValueList { Values = { new KeyValue { Key = "k", Value = value } } } }
                : new AnyValue { ArrayValue = new ArrayValue { Values = { value } } };
        }
        return value;
    }
}
