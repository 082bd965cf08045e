using System.Globalization;
using System.Text.Json;
using SpendOps.Core.Providers;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// Writes the calls of a chargeback period as a FOCUS 1.2 CSV file (<see cref="FocusColumns"/>): one row per call and
/// token class, streamed page by page. Per call rather than aggregated per day and SKU so every row traces to a call
/// (<c>x_RequestId</c>) and the file matches the per-call export line for line; FinOps tools aggregate on load anyway.
/// </summary>
/// <remarks>
/// <para>The tenant is the billing account; the provider is provider, publisher and invoice issuer (the tenant pays the
/// provider; SpendOps only measures). The proxy key is the sub account. Every row is <c>Usage</c> with
/// <c>BilledCost = EffectiveCost = ContractedCost</c> (no commitments to amortize) and <c>ListCost</c> at the catalog
/// price before the tenant's discount. SKUs are <c>provider/model/token class</c>; the SKU price adds the price row.</para>
/// <para>ChargeClass is always empty: SpendOps keeps the current cost of record of each call, not the cost it had when a
/// period was first reported, so a re-rated period exports at its new cost as ordinary Usage rows rather than as
/// Correction rows against the earlier figure.</para>
/// <para>Calls without a cost (unpriced, waiting for a price, usage unknown) and calls that cost nothing by nature are
/// not charges and are left out; the chargeback view counts them as unpriced.</para>
/// </remarks>
public sealed class FocusCsvWriter(ChargebackRecordReader reader)
{
    public const string ServiceCategory = "AI and Machine Learning";
    public const string ServiceSubcategory = "Generative AI";

    public async Task<FocusWriteResult> WriteAsync(ChargebackRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var tenants = await reader.TenantNamesAsync(cancellationToken);
        var keys = await reader.KeyNamesAsync(cancellationToken);
        var period = request.Period;
        await output.WriteLineAsync(string.Join(',', FocusColumns.All).AsMemory(), cancellationToken);
        long rows = 0, calls = 0, skipped = 0;
        var billed = 0m;
        await foreach (var rated in reader.ReadAsync(ChargebackQuery.Filter(request, period), cancellationToken))
        {
            var record = rated.Record;
            if (record.CostUsd is null || record.PricingStatus == PricingStatus.NotBillable)
            {
                skipped++;
                continue;
            }
            calls++;
            foreach (var charge in FocusChargeSplitter.Split(rated))
            {
                await output.WriteLineAsync(CsvText.Line(Row(rated, charge, period, tenants, keys)).AsMemory(), cancellationToken);
                billed += charge.BilledCostUsd;
                rows++;
            }
        }
        return new FocusWriteResult(rows, calls, skipped, billed);
    }

    private static string?[] Row(RatedRecord rated, FocusCharge charge, ChargebackPeriod period, Dictionary<Guid, string> tenants, Dictionary<string, string> keys)
    {
        var r = rated.Record;
        var provider = ProviderCatalog.Find(r.Provider)?.DisplayName ?? r.Provider;
        var model = r.PricingModel ?? "unknown-model";
        var sku = $"{r.Provider}/{model}/{charge.TokenClass}";
        var hour = new DateTimeOffset(r.Timestamp.UtcDateTime.Date.AddHours(r.Timestamp.UtcDateTime.Hour), TimeSpan.Zero);
        var chargeStart = hour < period.From ? period.From : hour;
        var chargeEnd = hour.AddHours(1) > period.To ? period.To : hour.AddHours(1);
        var quantity = charge.Quantity.ToString(CultureInfo.InvariantCulture);
        return
        [
            // Mandatory
            CsvText.Money(charge.BilledCostUsd), r.TenantId.ToString(), tenants.GetValueOrDefault(r.TenantId), "USD", Date(period.To), Date(period.From),
            "Usage", null, Description(model, charge.TokenClass, provider, r.Source), Date(chargeEnd), Date(chargeStart),
            CsvText.Money(charge.BilledCostUsd), CsvText.Money(charge.BilledCostUsd), provider, CsvText.Money(charge.ListCostUsd),
            quantity, charge.Unit, provider, provider, ServiceCategory, provider,
            // Recommended and conditional
            "Usage-Based", quantity, charge.Unit, "Standard", ServiceSubcategory, sku,
            rated.Price is { } price ? $"{sku}@price:{price.Id}" : $"{sku}@reported",
            r.ApiKeyId, r.ApiKeyId is { } key ? keys.GetValueOrDefault(key) ?? key : null, Tags(r.Dims),
            // SpendOps
            r.RequestId, r.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture), model, r.ModelRequested,
            charge.TokenClass, r.Endpoint, r.Source == UsageSource.Proxy ? "proxy" : "telemetry", r.Estimated ? "true" : "false",
            UsageExporter.CostSourceName(r.CostSource), UsageExporter.PricingStatusName(r.PricingStatus), rated.Price?.Id.ToString(CultureInfo.InvariantCulture),
            rated.Price is { } p ? Date(p.EffectiveFrom) : null,
        ];
    }

    private static string Description(string model, string tokenClass, string provider, UsageSource source)
    {
        var what = tokenClass switch
        {
            "total" => "usage",
            "request_fee" => "request fees",
            _ => tokenClass.Replace('_', ' ') + " tokens",
        };
        return $"{model} {what} on {provider} ({(source == UsageSource.Proxy ? "measured by the proxy" : "estimated from telemetry")})";
    }

    /// <summary>The call's dimensions as a JSON object (FOCUS KeyValueFormat); user-defined, one scheme, so no prefix.</summary>
    private static string? Tags(Dictionary<string, string> dims) =>
        dims.Count == 0 ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(dims, StringComparer.Ordinal));

    /// <summary>FOCUS DateTimeFormat: ISO 8601 in UTC, to the second.</summary>
    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
