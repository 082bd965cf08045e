using SpendOps.Core.Usage;

namespace SpendOps.Web.Usage;

/// <summary>A filter read from a URL and what was wrong with the URL (bad values are left out of the filter).</summary>
internal sealed record UsageQuery(UsageFilter Filter, IReadOnlyList<string> Errors);
