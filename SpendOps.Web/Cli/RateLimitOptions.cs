using System.Globalization;

namespace SpendOps.Web.Cli;

/// <summary>
/// <c>--requests-per-minute</c> and <c>--tokens-per-minute</c>: a whole number of at least 1, or <c>none</c> (where
/// the command allows clearing) to take the tenant's default or no limit.
/// </summary>
internal static class RateLimitOptions
{
    public const string Requests = "requests-per-minute";
    public const string Tokens = "tokens-per-minute";

    public static readonly string[] Names = [Requests, Tokens];

    /// <summary>Not given: <c>Given</c> false. <c>none</c>: given with a null limit (only when <paramref name="allowNone"/>).</summary>
    public static (bool Given, int? Limit) Read(CliArguments args, string name, bool allowNone)
    {
        var value = args.Option(name);
        if (value is null)
            return (false, null);
        if (allowNone && string.Equals(value, "none", StringComparison.OrdinalIgnoreCase))
            return (true, null);
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1)
            return (true, limit);
        throw new CliUsageException(allowNone
            ? $"--{name} '{value}' is not a whole number of at least 1 (or 'none' to remove the limit)"
            : $"--{name} '{value}' is not a whole number of at least 1");
    }
}
