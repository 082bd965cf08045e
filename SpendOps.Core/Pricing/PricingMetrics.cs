using System.Diagnostics.Metrics;

namespace SpendOps.Core.Pricing;

/// <summary>Counters of the pricing job (meter <c>SpendOps.Pricing</c>).</summary>
public sealed class PricingMetrics
{
    public const string MeterName = "SpendOps.Pricing";

    private readonly Counter<long> records;
    private readonly Counter<long> failures;

    public PricingMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        records = meter.CreateCounter<long>("spendops.pricing.records", description: "Usage records priced, by resulting status");
        failures = meter.CreateCounter<long>("spendops.pricing.failures", description: "Pricing job runs that failed");
    }

    internal void RecordRun(PricingRunResult result)
    {
        Add(result.Priced, "priced");
        Add(result.Unpriced, "unpriced");
        Add(result.NotBillable, "not_billable");
        Add(result.Reported, "reported");
    }

    internal void RecordFailure() => failures.Add(1);

    private void Add(int count, string status)
    {
        if (count > 0)
            records.Add(count, new KeyValuePair<string, object?>("status", status));
    }
}
