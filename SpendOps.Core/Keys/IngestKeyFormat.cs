using System.Diagnostics.CodeAnalysis;

namespace SpendOps.Core.Keys;

/// <summary>
/// The <c>ss_live_{id}.{secret}</c> ingest key. The setup guide users follow says keys "usually start with
/// ss_live_", so that prefix is kept.
/// </summary>
public static class IngestKeyFormat
{
    public const string Prefix = "ss_live_";
    public const int MaxIdLength = KeyFormat.MaxIdLength;
    private static readonly KeyFormat Format = new(Prefix, 'i');

    public static string NewId() => Format.NewId();

    public static string NewSecret() => KeyFormat.NewSecret();

    public static string Compose(string id, string secret) => Format.Compose(id, secret);

    public static bool TryParse(ReadOnlySpan<char> key, [NotNullWhen(true)] out string? id, out ReadOnlySpan<char> secret) =>
        Format.TryParse(key, out id, out secret);
}
