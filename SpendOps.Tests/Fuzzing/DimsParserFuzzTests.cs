using CsCheck;
using Microsoft.AspNetCore.Http;
using SpendOps.Core.Usage;
using SpendOps.Proxy.Auth;

namespace SpendOps.Tests.Fuzzing;

/// <summary>The dimension headers under random input: never an exception, and every valid set of dimensions survives the trip.</summary>
public sealed class DimsParserFuzzTests
{
    private static readonly Gen<string> HeaderText = Gen.Select(Gen.Bool, Gen.Char["=,: team.backend-_"], Gen.Char)
        .Select((special, s, c) => special ? s : c).Array[0, 80].Select(chars => new string(chars));

    private static readonly Gen<string> Name = Gen.Char["ABCabcxyz0123456789_-."].Array[1, Dimensions.MaxNameLength].Select(chars => new string(chars));

    /// <summary>Printable values without the list's own separator, trimmed as the parser trims them.</summary>
    private static readonly Gen<string> Value = Gen.Char.Where(c => !char.IsControl(c) && c != ',' && !char.IsSurrogate(c)).Array[1, 40]
        .Select(chars => new string(chars).Trim()).Where(v => v.Length > 0);

    [Fact]
    public void TryParse_AnyHeaders_AnswersWithoutThrowing()
    {
        Gen.Select(HeaderText.Array[0, 3], HeaderText.Array[0, 2], HeaderText.Array[0, 2]).Sample((dims, tags, customer) =>
        {
            var headers = new HeaderDictionary();
            if (dims.Length > 0)
                headers[ProxyHeaders.Dims] = dims;
            if (tags.Length > 0)
                headers[ProxyHeaders.LiteLlmTags] = tags;
            if (customer.Length > 0)
                headers[ProxyHeaders.LiteLlmCustomerId] = customer;

            var ok = DimsParser.TryParse(headers, out var parsed, out var error);

            Assert.Equal(ok, error is null);
            if (ok)
                Assert.All(parsed, d => Assert.True(Dimensions.IsValidName(d.Key) && Dimensions.IsValidValue(d.Value), $"{d.Key}={d.Value}"));
            else
                Assert.StartsWith("AI SpendOps: Invalid ", error);
        }, iter: FuzzRun.Iterations(), threads: 1);
    }

    [Fact]
    public void TryParse_ValidDims_RoundTrip()
    {
        // Names differing only in case are one dimension (stored lower case): keep the first of each.
        var dims = Gen.Select(Name, Value).Array[0, Dimensions.MaxCount]
            .Select(pairs => pairs.GroupBy(p => Dimensions.Normalize(p.Item1)).ToDictionary(g => g.First().Item1, g => g.First().Item2, StringComparer.Ordinal));
        dims.Sample(expected =>
        {
            var headers = new HeaderDictionary { [ProxyHeaders.Dims] = string.Join(",", expected.Select(d => $"{d.Key}={d.Value}")) };

            Assert.True(DimsParser.TryParse(headers, out var parsed, out var error), error);
            Assert.Equal(expected.Select(d => (Dimensions.Normalize(d.Key), d.Value)).Order(), parsed.Select(d => (d.Key, d.Value)).Order());
        }, iter: FuzzRun.Iterations(), threads: 1);
    }
}
