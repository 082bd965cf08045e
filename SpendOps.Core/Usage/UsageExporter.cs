using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SpendOps.Core.Data;

namespace SpendOps.Core.Usage;

/// <summary>
/// Writes usage records one line each, in pages (never the whole table in memory). The column names are a
/// contract: scripts depend on them, so new columns go at the end. CSV puts each dimension in a <c>dim.NAME</c> column; JSON lines keep
/// <c>dims</c> as an object.
/// </summary>
public sealed class UsageExporter(SpendOpsDbContext db)
{
    private const int PageSize = 1000;

    public static readonly IReadOnlyList<string> Columns =
    [
        "request_id", "upstream_request_id", "timestamp", "tenant", "key_id", "provider", "endpoint", "model",
        "model_requested", "model_reported", "stream", "status", "input_tokens", "cache_read_tokens", "cache_write_tokens",
        "cache_write_5m_tokens", "cache_write_1h_tokens", "output_tokens", "reasoning_tokens", "audio_input_tokens",
        "audio_output_tokens", "image_input_tokens", "image_output_tokens", "web_search_requests", "cost_usd",
        "provider_cost_usd", "pricing_status", "usage_complete", "billable", "source", "estimated", "latency_ms",
        "time_to_first_byte_ms", "cost_source",
    ];

    public async Task<int> WriteAsync(UsageFilter filter, UsageExportFormat format, TextWriter output, CancellationToken cancellationToken)
    {
        var tenants = await db.Tenants.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var records = db.UsageRecords.AsNoTracking().Apply(filter, db.UsageDimensions);
        List<string> dimensionNames = [];
        if (format == UsageExportFormat.Csv)
        {
            dimensionNames = await db.UsageDimensions.Where(d => records.Any(r => r.Id == d.UsageRecordId))
                .Select(d => d.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
            await output.WriteLineAsync(string.Join(',', Columns.Concat(dimensionNames.Select(n => "dim." + n)).Select(Csv)));
        }

        var count = 0;
        long after = 0;
        while (true)
        {
            var page = await records.Where(r => r.Id > after).OrderBy(r => r.Id).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var record in page)
            {
                var values = Values(record, tenants.GetValueOrDefault(record.TenantId) ?? record.TenantId.ToString());
                await output.WriteLineAsync(format == UsageExportFormat.Csv
                    ? string.Join(',', values.Select(v => Csv(Format(v))).Concat(dimensionNames.Select(n => Csv(record.Dims.GetValueOrDefault(n) ?? ""))))
                    : JsonLine(values, record.Dims));
                count++;
            }
            if (page.Count < PageSize)
                return count;
            after = page[^1].Id;
        }
    }

    private static object?[] Values(UsageRecord r, string tenant) =>
    [
        r.RequestId, r.UpstreamRequestId, r.Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        tenant, r.ApiKeyId, r.Provider, r.Endpoint, r.PricingModel, r.ModelRequested, r.ModelReported, r.Stream, r.StatusCode,
        r.Tokens.InputTokens, r.Tokens.CacheReadTokens, r.Tokens.CacheWriteTokens, r.Tokens.CacheWrite5mTokens,
        r.Tokens.CacheWrite1hTokens, r.Tokens.OutputTokens, r.Tokens.ReasoningTokens, r.Tokens.AudioInputTokens,
        r.Tokens.AudioOutputTokens, r.Tokens.ImageInputTokens, r.Tokens.ImageOutputTokens, r.Tokens.WebSearchRequests,
        r.CostUsd, r.ProviderCostUsd, PricingStatusName(r.PricingStatus), r.UsageComplete, r.Billable,
        r.Source == UsageSource.Proxy ? "proxy" : "telemetry", r.Estimated, Math.Round(r.LatencyMs, 3),
        r.TimeToFirstByteMs is { } ttfb ? Math.Round(ttfb, 3) : null, CostSourceName(r.CostSource),
    ];

    /// <summary>
    /// The values scripts know. Pending records (no price applied yet) and records whose usage is unknown are
    /// reported as unpriced: neither has a cost; <c>usage_complete</c> tells the second kind apart.
    /// </summary>
    public static string PricingStatusName(PricingStatus status) => status switch
    {
        PricingStatus.Priced => "priced",
        PricingStatus.Reported => "reported",
        PricingStatus.NotBillable => "not_billable",
        _ => "unpriced",
    };

    /// <summary>Where <c>cost_usd</c> came from: <c>catalog</c>, <c>tenant_price</c> or <c>reported</c>; empty without a cost.</summary>
    public static string? CostSourceName(CostSource? source) => source switch
    {
        CostSource.Catalog => "catalog",
        CostSource.TenantPrice => "tenant_price",
        CostSource.Reported => "reported",
        _ => null,
    };

    private static string JsonLine(object?[] values, Dictionary<string, string> dims)
    {
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            for (var i = 0; i < Columns.Count; i++)
            {
                json.WritePropertyName(Columns[i]);
                switch (values[i])
                {
                    case null: json.WriteNullValue(); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case int n: json.WriteNumberValue(n); break;
                    case long n: json.WriteNumberValue(n); break;
                    case double d: json.WriteNumberValue(d); break;
                    case decimal m: json.WriteRawValue(Money(m)); break;
                    default: json.WriteStringValue(values[i]!.ToString()); break;
                }
            }
            json.WriteStartObject("dims");
            foreach (var (name, value) in dims.OrderBy(d => d.Key, StringComparer.Ordinal))
                json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static string Format(object? value) => value switch
    {
        null => "",
        bool b => b ? "true" : "false",
        decimal m => Money(m),
        double d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Dollars with up to 12 decimals and no trailing zeros or exponent (0.001032, not 1.032E-03).</summary>
    public static string Money(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    /// <summary>
    /// Quotes as RFC 4180 asks, and defuses spreadsheet formulas: dimensions come from callers' headers, and a value
    /// such as <c>=HYPERLINK(…)</c> would run when finance opens the export.
    /// </summary>
    private static string Csv(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsNumber(value))
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static bool IsNumber(string value) => decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
}
