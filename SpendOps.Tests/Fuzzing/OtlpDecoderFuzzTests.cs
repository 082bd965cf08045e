using CsCheck;
using SpendOps.Core.Telemetry;
using SpendOps.Proxy.Telemetry;
using SpendOps.Proxy.Telemetry.Otlp;
using SpendOps.Tests.Proxy.Telemetry;

namespace SpendOps.Tests.Fuzzing;

/// <summary>
/// Both OTLP decoders under random corruption of real exports: a body decodes (and its stored copy can be written)
/// or is refused with the errors the endpoint answers 400 to; no other exception escapes (it would be a 500), and
/// decoding a body of the largest size allowed allocates a bounded multiple of it.
/// </summary>
public sealed class OtlpDecoderFuzzTests
{
    private static readonly (OtlpContentKind Kind, TelemetrySignal Signal, byte[] Body)[] Seeds = LoadSeeds();

    [Fact]
    public void Decode_MutatedExports_DecodesOrRefusesAs400()
    {
        Gen.Select(Gen.Int[0, Seeds.Length - 1], FuzzRun.Mutations).Sample((index, mutations) =>
        {
            var (kind, signal, body) = Seeds[index];
            DecodeLikeTheEndpoint(kind, signal, FuzzRun.Apply(body, mutations));
        }, iter: FuzzRun.Iterations(), threads: 1);
    }

    [Fact]
    public void Decode_RandomBytes_DecodesOrRefusesAs400()
    {
        Gen.Select(Gen.Bool, Gen.Bool, Gen.Byte.Array[0, 512]).Sample((json, logs, body) =>
            DecodeLikeTheEndpoint(json ? OtlpContentKind.Json : OtlpContentKind.Protobuf, logs ? TelemetrySignal.Logs : TelemetrySignal.Metrics, body),
            iter: FuzzRun.Iterations(), threads: 1);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Decode_LargestBodyOfMutatedRecords_AllocatesBoundedMemory(bool json)
    {
        var kind = json ? OtlpContentKind.Json : OtlpContentKind.Protobuf;
        var seed = Seeds.First(s => s.Kind == kind && s.Signal == TelemetrySignal.Logs).Body;
        var largest = new TelemetryIngestOptions().MaxBodyBytes;
        Gen.Select(FuzzRun.Mutations, Gen.Int[1, 4]).Sample((mutations, copies) =>
        {
            // Many corrupted copies of a real export, padded to the size limit: the worst an allowed body can be.
            var body = Pad(Enumerable.Range(0, copies).SelectMany(_ => FuzzRun.Apply(seed, mutations)).ToArray(), largest, kind);
            var before = GC.GetAllocatedBytesForCurrentThread();
            DecodeLikeTheEndpoint(kind, TelemetrySignal.Logs, body);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated < 64L * largest, $"{allocated:N0} bytes allocated to decode {body.Length:N0}");
        }, iter: Math.Max(20, FuzzRun.Iterations() / 100), threads: 1);
    }

    /// <summary>What the ingest endpoint does with a body, and the exceptions it answers 400 to (anything else is a 500).</summary>
    private static void DecodeLikeTheEndpoint(OtlpContentKind kind, TelemetrySignal signal, byte[] body)
    {
        DecodedOtlpRequest decoded;
        try
        {
            decoded = OtlpRequestDecoder.Decode(kind, signal, body);
        }
        catch (Exception e) when (e is OtlpFormatException or InvalidOperationException)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return;
        }
        _ = decoded.RecordCount + decoded.AttributeCount;
        var (stored, _, _) = decoded.StoredCopy();
        Assert.NotNull(stored);
    }

    /// <summary>Repeats <paramref name="body"/> up to <paramref name="size"/> bytes (JSON: whitespace after it, protobuf: the messages again).</summary>
    private static byte[] Pad(byte[] body, int size, OtlpContentKind kind)
    {
        if (body.Length == 0 || body.Length >= size)
            return body.Length > size ? body[..size] : body;
        if (kind == OtlpContentKind.Json)
            return [.. body, .. Enumerable.Repeat((byte)' ', size - body.Length)];
        // Protobuf: repeated top-level fields concatenate, so copies of a request are one longer request.
        return Enumerable.Repeat(body, size / body.Length).SelectMany(b => b).ToArray();
    }

    private static (OtlpContentKind, TelemetrySignal, byte[])[] LoadSeeds()
    {
        var seeds = new List<(OtlpContentKind, TelemetrySignal, byte[])>
        {
            (OtlpContentKind.Json, TelemetrySignal.Logs, OtlpPayloads.ReferenceLogs),
            (OtlpContentKind.Json, TelemetrySignal.Metrics, OtlpPayloads.ReferenceMetrics),
        };
        foreach (var name in new[] { "json-tool", "protobuf-tool" })
        {
            foreach (var export in ClaudeCodeCapture.Load(name).Exports)
            {
                var kind = export.ContentType.Contains("protobuf", StringComparison.Ordinal) ? OtlpContentKind.Protobuf : OtlpContentKind.Json;
                seeds.Add((kind, export.Signal == "logs" ? TelemetrySignal.Logs : TelemetrySignal.Metrics, export.Body));
            }
        }
        Assert.Contains(seeds, s => s.Item1 == OtlpContentKind.Protobuf);
        return seeds.ToArray();
    }
}
