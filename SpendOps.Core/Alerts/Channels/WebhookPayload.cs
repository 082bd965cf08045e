using System.Text.Json.Serialization;

namespace SpendOps.Core.Alerts.Channels;

/// <summary>
/// The JSON body of a webhook notification, documented in README ("Notifications"). Field names are camelCase; money is
/// a JSON number in US dollars; times are ISO 8601 with an offset. Add fields, never rename or remove them: receivers
/// parse this.
/// </summary>
public sealed record WebhookPayload(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("alertId")] Guid AlertId,
    [property: JsonPropertyName("deliveryId")] Guid DeliveryId,
    [property: JsonPropertyName("tenant")] WebhookPayload.Reference Tenant,
    [property: JsonPropertyName("budget")] WebhookPayload.Reference? Budget,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("thresholdPercent")] int? ThresholdPercent,
    [property: JsonPropertyName("spendUsd")] decimal SpendUsd,
    [property: JsonPropertyName("amountUsd")] decimal AmountUsd,
    [property: JsonPropertyName("forecastUsd")] decimal? ForecastUsd,
    [property: JsonPropertyName("period")] WebhookPayload.Span Period,
    [property: JsonPropertyName("raisedAt")] DateTimeOffset RaisedAt,
    [property: JsonPropertyName("summary")] string Summary,
    [property: JsonPropertyName("portalUrl")] string? PortalUrl)
{
    public sealed record Reference([property: JsonPropertyName("id")] Guid Id, [property: JsonPropertyName("name")] string Name);

    public sealed record Span([property: JsonPropertyName("start")] DateTimeOffset Start, [property: JsonPropertyName("end")] DateTimeOffset End);

    public static WebhookPayload From(AlertNotice notice, Guid deliveryId, string? portalUrl)
    {
        var kind = notice.Kind.ToString().ToLowerInvariant();
        return new WebhookPayload(
            notice.Kind == AlertKind.Test ? "test" : "budget." + kind,
            notice.AlertId,
            deliveryId,
            new Reference(notice.TenantId, notice.TenantName),
            notice.BudgetId is { } budgetId ? new Reference(budgetId, notice.BudgetName) : null,
            kind,
            notice.ThresholdPercent,
            notice.SpendUsd,
            notice.AmountUsd,
            notice.ForecastUsd,
            new Span(notice.PeriodStart, notice.PeriodEnd),
            notice.RaisedAt,
            AlertText.Headline(notice),
            portalUrl);
    }
}
