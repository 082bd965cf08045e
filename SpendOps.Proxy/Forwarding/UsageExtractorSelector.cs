using SpendOps.Core.Providers;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Proxy.Forwarding;

/// <summary>Chooses how a call is named, whether it is billable, and which extractor reads its response.</summary>
internal static class UsageExtractorSelector
{
    public static EndpointName Classify(ProviderInfo provider, string method, string path)
    {
        var billable = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsDelete(method)
            && !path.Contains("count_tokens", StringComparison.Ordinal) && !path.Contains(":countTokens", StringComparison.Ordinal);
        return new EndpointName("other", billable);
    }

    public static IUsageExtractor? Create(ProviderInfo provider, string method, string path, string? contentType) => null;

    public readonly record struct EndpointName(string Name, bool Billable);

    private static class HttpMethods
    {
        public static bool IsGet(string method) => string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);
        public static bool IsHead(string method) => string.Equals(method, "HEAD", StringComparison.OrdinalIgnoreCase);
        public static bool IsDelete(string method) => string.Equals(method, "DELETE", StringComparison.OrdinalIgnoreCase);
    }
}
