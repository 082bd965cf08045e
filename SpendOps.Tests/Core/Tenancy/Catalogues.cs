using SpendOps.Core.Tenancy;

namespace SpendOps.Tests.Core.Tenancy;

/// <summary>
/// Short catalogue and policy notations for rule tables: <c>user!;team=backend|web;env</c> is "user required,
/// team one of backend or web, env free text".
/// </summary>
internal static class Catalogues
{
    public static TenantDimsPolicy Parse(string spec) => new(Entries(spec).Select(e => new TenantDimension
    {
        Name = e.Name.TrimEnd('!'),
        Required = e.Name.EndsWith('!'),
        AllowedValues = e.Values,
    }));

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> AllowedDims(string spec) => Entries(spec).ToDictionary(e => e.Name, e => e.Values);

    public static IReadOnlyList<string> List(string spec) => spec.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static Dictionary<string, string> Dims(string spec) =>
        spec.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    private static IEnumerable<(string Name, IReadOnlyList<string> Values)> Entries(string spec) =>
        spec.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(entry =>
        {
            var parts = entry.Split('=');
            return (parts[0], (IReadOnlyList<string>)(parts.Length > 1 ? parts[1].Split('|') : []));
        });
}
