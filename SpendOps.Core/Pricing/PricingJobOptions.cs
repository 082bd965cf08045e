using System.ComponentModel.DataAnnotations;

namespace SpendOps.Core.Pricing;

/// <summary><c>Jobs:Pricing</c>: how often and in what batch size pending usage records are priced.</summary>
public sealed class PricingJobOptions
{
    public const string SectionName = "Jobs:Pricing";

    public bool Enabled { get; set; } = true;

    [Range(1, 86_400)]
    public int IntervalSeconds { get; set; } = 5;

    /// <summary>Records loaded and saved per round trip; larger batches are faster, smaller ones hold SQLite's write lock for less time.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}
