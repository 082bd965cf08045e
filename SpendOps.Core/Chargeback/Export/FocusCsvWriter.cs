using System.Globalization;
using System.Text.Json;
using SpendOps.Core.Pricing;
using SpendOps.Core.Providers;
using SpendOps.Core.Usage;

namespace SpendOps.Core.Chargeback.Export;

/// <summary>
/// Writes the calls of a chargeback period as a FOCUS 1.2 CSV file (<see cref="FocusColumns"/>): one row per call and
/// token class, streamed page by page, then the corrections of earlier periods. Per call rather than aggregated per day
/// and SKU so every row traces to a call (<c>x_RequestId</c>) and the file matches the per-call export line for line;
/// FinOps tools aggregate on load anyway.
/// </summary>
/// <remarks>
/// <para>The tenant is the billing account; the provider is provider, publisher and invoice issuer (the tenant pays the
/// provider; SpendOps only measures). The proxy key is the sub account. Every row is <c>Usage</c> with
/// <c>BilledCost = EffectiveCost = ContractedCost</c> (no commitments to amortize) and <c>ListCost</c> at the catalog
/// price before the tenant's discount. SKUs are <c>provider/model/token class</c>; the SKU price adds the price row.</para>
/// <para>The period's own calls are at their current cost of record, with an empty ChargeClass, so the file's regular
/// rows equal the chargeback view. A re-rate during the period of calls of an earlier period (already reported at their
/// old cost) adds rows with ChargeClass <c>Correction</c> (https://focus.finops.org/focus-specification/v1-2/, ChargeClass:
/// "a correction to a previously invoiced billing period"): the difference, in this billing period, with the charge period
/// of the call. A re-rate within the period itself is no correction: its calls are simply at their new cost. The
/// specification lets correction rows leave the quantities null, which they do: what changed is the cost, not the usage.</para>
/// <para>Calls without a cost (unpriced, waiting for a price, usage unknown) and calls that cost nothing by nature are
/// not charges and are left out; the chargeback view counts them as unpriced.</para>
/// </remarks>
public sealed class FocusCsvWriter(ChargebackRecordReader reader)
{
    public const string ServiceCategory = "AI and Machine Learning";
    public const string ServiceSubcategory = "Generative AI";
    public const string Correction = "Correction";

    public async Task<FocusWriteResult> WriteAsync(ChargebackRequest request, TextWriter output, CancellationToken cancellationToken)
    {
        var tenants = await reader.TenantNamesAsync(cancellationToken);
        var keys = await reader.KeyNamesAsync(cancellationToken);
        var period = request.Period;
        await output.WriteLineAsync(string.Join(',', FocusColumns.All).AsMemory(), cancellationToken);
        long rows = 0, calls = 0, skipped = 0, corrections = 0;
        decimal billed = 0m, corrected = 0m;
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
                await output.WriteLineAsync(CsvText.Line(Row(record, rated.Price, record.CostSource, charge, period, tenants, keys, null)).AsMemory(), cancellationToken);
                billed += charge.BilledCostUsd;
                rows++;
            }
        }
        var adjustments = reader.ReadEarlierAdjustmentsAsync(request.Scope, period, cancellationToken);
        await foreach (var correction in FocusCorrections.AggregateAsync(adjustments, cancellationToken))
        {
            var charge = new FocusCharge(correction.TokenClass, 0, FocusChargeSplitter.Tokens, correction.ListCostUsd, correction.BilledCostUsd);
            var line = Row(correction.Record, correction.Price, correction.CostSource, charge, period, tenants, keys, correction);
            await output.WriteLineAsync(CsvText.Line(line).AsMemory(), cancellationToken);
            corrected += correction.BilledCostUsd;
            corrections++;
        }
        return new FocusWriteResult(rows + corrections, calls, skipped, billed + corrected, corrections, corrected);
    }

    private static string?[] Row(UsageRecord r, ModelPrice? price, CostSource? costSource, FocusCharge charge, ChargebackPeriod period,
        Dictionary<Guid, string> tenants, Dictionary<string, string> keys, FocusCorrection? correction)
    {
        var provider = ProviderCatalog.Find(r.Provider)?.DisplayName ?? r.Provider;
        var model = r.PricingModel ?? "unknown-model";
        var sku = $"{r.Provider}/{model}/{charge.TokenClass}";
        var hour = Hour(r.Timestamp);
        // A correction keeps the charge period the call's own row had, which ended (at the latest) where this period begins.
        var chargeStart = hour < period.From && correction is null ? period.From : hour;
        var chargeEnd = correction is null ? Min(hour.AddHours(1), period.To) : Min(hour.AddHours(1), period.From);
        var quantity = correction is null ? charge.Quantity.ToString(CultureInfo.InvariantCulture) : null;
        var unit = correction is null ? charge.Unit : null;
        var single = correction is null || correction.Records == 1;
        return
        [
            // Mandatory
            CsvText.Money(charge.BilledCostUsd), r.TenantId.ToString(), tenants.GetValueOrDefault(r.TenantId), "USD", Date(period.To), Date(period.From),
            "Usage", correction is null ? null : Correction, Description(model, charge.TokenClass, provider, r.Source, correction is not null), Date(chargeEnd),
            Date(chargeStart), CsvText.Money(charge.BilledCostUsd), CsvText.Money(charge.BilledCostUsd), provider, CsvText.Money(charge.ListCostUsd),
            quantity, unit, provider, provider, ServiceCategory, provider,
            // Recommended and conditional
            "Usage-Based", quantity, unit, "Standard", ServiceSubcategory, sku,
            price is not null && costSource != CostSource.Reported ? $"{sku}@price:{price.Id}" : $"{sku}@reported",
            r.ApiKeyId, r.ApiKeyId is { } key ? keys.GetValueOrDefault(key) ?? key : null, Tags(r.Dims),
            // SpendOps
            single ? r.RequestId : null, single ? r.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : null,
            model, r.ModelRequested, charge.TokenClass, r.Endpoint, r.Source == UsageSource.Proxy ? "proxy" : "telemetry", r.Estimated ? "true" : "false",
            UsageExporter.CostSourceName(costSource), UsageExporter.PricingStatusName(r.PricingStatus), price?.Id.ToString(CultureInfo.InvariantCulture),
            price is { } p ? Date(p.EffectiveFrom) : null, correction?.Reason,
        ];
    }

    private static string Description(string model, string tokenClass, string provider, UsageSource source, bool correction)
    {
        var what = tokenClass switch
        {
            "total" => "usage",
            "request_fee" => "request fees",
            _ => tokenClass.Replace('_', ' ') + " tokens",
        };
        var text = $"{model} {what} on {provider} ({(source == UsageSource.Proxy ? "measured by the proxy" : "estimated from telemetry")})";
        return correction ? $"Correction to {text}" : text;
    }

    /// <summary>The hour of a call: the charge period of its rows.</summary>
    internal static DateTimeOffset Hour(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);

    /// <summary>The call's dimensions as a JSON object (FOCUS KeyValueFormat); user-defined, one scheme, so no prefix.</summary>
    internal static string? Tags(Dictionary<string, string> dims) =>
        dims.Count == 0 ? null : JsonSerializer.Serialize(new SortedDictionary<string, string>(dims, StringComparer.Ordinal));

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>FOCUS DateTimeFormat: ISO 8601 in UTC, to the second.</summary>
    private static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
