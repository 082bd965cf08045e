using System.Globalization;
using CsCheck;

namespace SpendOps.Tests.Fuzzing;

/// <summary>
/// How long the property-based fuzz tests run: a few thousand cases each by default (seconds, as in CI), or
/// <c>SPENDOPS_FUZZ_ITERATIONS</c> cases for a longer hunt. Failures print CsCheck's seed, which replays the case.
/// </summary>
internal static class FuzzRun
{
    public static long Iterations(long ciDefault = 2000) =>
        long.TryParse(Environment.GetEnvironmentVariable("SPENDOPS_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var configured) && configured > 0
            ? configured
            : ciDefault;

    private static readonly byte[] Structural = "{}[]\":,\\\r\n 0123456789eE.-".Select(c => (byte)c).ToArray();

    /// <summary>Byte-level edits: overwrite, insert, delete, truncate; positions are taken modulo the body length.</summary>
    public static readonly Gen<(int Kind, int Position, byte Value)[]> Mutations =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], MutationByte).Array[1, 12];

    /// <summary>Half the time a byte that means something to JSON or SSE framing, otherwise any byte.</summary>
    private static Gen<byte> MutationByte => Gen.Select(Gen.Bool, Gen.Byte, Gen.Int[0, Structural.Length - 1]).Select((any, b, i) => any ? b : Structural[i]);

    public static byte[] Apply(byte[] original, (int Kind, int Position, byte Value)[] mutations)
    {
        var bytes = new List<byte>(original);
        foreach (var (kind, position, value) in mutations)
        {
            var at = bytes.Count == 0 ? 0 : position % bytes.Count;
            switch (kind)
            {
                case 0 when bytes.Count > 0:
                    bytes[at] = value;
                    break;
                case 1:
                    bytes.Insert(at, value);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>Cut points (sorted, deduplicated, within the body) that split it into chunks.</summary>
    public static readonly Gen<int[]> CutPoints = Gen.Int[0, int.MaxValue].Array[0, 40];

    public static IEnumerable<ReadOnlyMemory<byte>> Split(byte[] body, int[] cuts)
    {
        var position = 0;
        foreach (var cut in cuts.Select(c => body.Length == 0 ? 0 : c % body.Length).Where(c => c > 0).Distinct().Order())
        {
            yield return body.AsMemory(position, cut - position);
            position = cut;
        }
        yield return body.AsMemory(position);
    }
}
