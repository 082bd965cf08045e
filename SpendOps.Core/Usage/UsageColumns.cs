using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using SpendOps.Core.Data;
using SpendOps.Core.Usage.Rollups;

namespace SpendOps.Core.Usage;

/// <summary>
/// The columns of <c>UsageRecords</c> and <c>UsageDimensions</c> as the bulk writers fill them, written out by hand
/// so that every value goes to the database as its own type (no reflection, no boxing per value). The EF model stays
/// the source of truth: <see cref="Verify"/> refuses to write when the two lists differ, so a column added to the
/// model without being added here fails the first batch (and the tests) instead of being stored as its default.
/// </summary>
internal static class UsageColumns
{
    public const string RecordTable = "UsageRecords";
    public const string DimensionTable = "UsageDimensions";
    public const string MarkTable = "RollupDirtyHours";

    /// <summary>Every column of a usage row, the key included (the writers choose the ids), in the order <see cref="WriteRecord"/> writes them.</summary>
    public static readonly string[] Record =
    [
        "Id", "RequestId", "UpstreamRequestId", "UpstreamIdIndexed", "Timestamp", "TenantId", "ApiKeyId", "ConnectionId", "Source", "Estimated",
        "Superseded", "Provider", "Endpoint", "ModelRequested", "ModelReported", "Stream", "StatusCode", "LatencyMs",
        "TimeToFirstByteMs", "RequestBytes", "ResponseBytes", "Billable", "UsageComplete", "SearchContextSize", "ServiceTier",
        "ProviderCostUsd", "CostUsd", "CostSource", "PricingStatus", "PriceId", "PricedAt", "Dims",
        "InputTokens", "CacheReadTokens", "CacheWrite5mTokens", "CacheWrite1hTokens", "OutputTokens", "ReasoningTokens",
        "AudioInputTokens", "AudioOutputTokens", "ImageInputTokens", "ImageOutputTokens", "WebSearchRequests",
    ];

    public static readonly string[] Dimension = ["UsageRecordId", "Name", "Value"];

    /// <summary>The columns of a rollup mark (<see cref="RollupDirtyHour"/>) but its key, which the database assigns.</summary>
    public static readonly string[] Mark = ["TenantId", "Hour", "HourEnd", "FirstRecordId", "LastRecordId"];

    private static readonly HashSet<IModel> Verified = new(ReferenceEqualityComparer.Instance);

    public static void WriteRecord<TWriter>(UsageRecord r, long id, TWriter w) where TWriter : IUsageColumnWriter
    {
        w.Int64(id);
        w.Text(r.RequestId);
        Text(w, r.UpstreamRequestId);
        w.Boolean(r.UpstreamIdIndexed);
        w.Time(r.Timestamp);
        w.Uuid(r.TenantId);
        Text(w, r.ApiKeyId);
        Uuid(w, r.ConnectionId);
        w.Int32((int)r.Source);
        w.Boolean(r.Estimated);
        w.Boolean(r.Superseded);
        w.Text(r.Provider);
        w.Text(r.Endpoint);
        Text(w, r.ModelRequested);
        Text(w, r.ModelReported);
        w.Boolean(r.Stream);
        w.Int32(r.StatusCode);
        w.Double(r.LatencyMs);
        Double(w, r.TimeToFirstByteMs);
        w.Int64(r.RequestBytes);
        w.Int64(r.ResponseBytes);
        w.Boolean(r.Billable);
        w.Boolean(r.UsageComplete);
        Text(w, r.SearchContextSize);
        Text(w, r.ServiceTier);
        Money(w, r.ProviderCostUsd);
        Money(w, r.CostUsd);
        Int32(w, (int?)r.CostSource);
        w.Int32((int)r.PricingStatus);
        Int64(w, r.PriceId);
        Time(w, r.PricedAt);
        // The same JSON as the model's conversion (JsonColumn), so EF reads the column back unchanged.
        w.Text(JsonSerializer.Serialize(r.Dims, JsonColumn.Options));
        var t = r.Tokens;
        w.Int64(t.InputTokens);
        w.Int64(t.CacheReadTokens);
        w.Int64(t.CacheWrite5mTokens);
        w.Int64(t.CacheWrite1hTokens);
        w.Int64(t.OutputTokens);
        w.Int64(t.ReasoningTokens);
        w.Int64(t.AudioInputTokens);
        w.Int64(t.AudioOutputTokens);
        w.Int64(t.ImageInputTokens);
        w.Int64(t.ImageOutputTokens);
        w.Int32(t.WebSearchRequests);
    }

    public static void WriteDimension<TWriter>(long recordId, string name, string value, TWriter w) where TWriter : IUsageColumnWriter
    {
        w.Int64(recordId);
        w.Text(name);
        w.Text(value);
    }

    public static void WriteMark<TWriter>(RollupDirtyHour mark, TWriter w) where TWriter : IUsageColumnWriter
    {
        w.Uuid(mark.TenantId);
        w.Time(mark.Hour);
        w.Time(mark.HourEnd);
        Int64(w, mark.FirstRecordId);
        Int64(w, mark.LastRecordId);
    }

    /// <summary>Throws when the model's columns of these tables are not exactly the ones written here (checked once per model).</summary>
    public static void Verify(IModel model)
    {
        lock (Verified)
        {
            if (Verified.Contains(model))
                return;
        }
        Compare(model.FindEntityType(typeof(UsageRecord))!, Record);
        Compare(model.FindEntityType(typeof(UsageDimension))!, Dimension);
        Compare(model.FindEntityType(typeof(RollupDirtyHour))!, ["Id", .. Mark]);
        lock (Verified)
            Verified.Add(model);
    }

    /// <summary>The columns the model maps for the entity, complex properties' columns included.</summary>
    internal static IReadOnlySet<string> ModelColumns(IEntityType entity)
    {
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Concat(entity.GetComplexProperties().SelectMany(c => c.ComplexType.GetProperties()));
        return properties.Select(p => p.GetColumnName(table)!).ToHashSet(StringComparer.Ordinal);
    }

    internal static void Compare(IEntityType entity, string[] written)
    {
        var mapped = ModelColumns(entity);
        if (mapped.SetEquals(written) && written.Length == mapped.Count)
            return;
        var missing = string.Join(", ", mapped.Except(written));
        var extra = string.Join(", ", written.Except(mapped));
        throw new InvalidOperationException(
            $"The bulk writer's columns of {entity.GetTableName()} differ from the model (not written: [{missing}]; not in the model: [{extra}]). Update the writer's column list.");
    }

    internal static void Text<TWriter>(TWriter w, string? value) where TWriter : IUsageColumnWriter
    {
        if (value is null)
            w.Null();
        else
            w.Text(value);
    }

    private static void Money<TWriter>(TWriter w, decimal? value) where TWriter : IUsageColumnWriter
    {
        if (value is { } money)
            w.Money(money);
        else
            w.Null();
    }

    private static void Uuid<TWriter>(TWriter w, Guid? value) where TWriter : IUsageColumnWriter
    {
        if (value is { } id)
            w.Uuid(id);
        else
            w.Null();
    }

    private static void Double<TWriter>(TWriter w, double? value) where TWriter : IUsageColumnWriter
    {
        if (value is { } real)
            w.Double(real);
        else
            w.Null();
    }

    private static void Int32<TWriter>(TWriter w, int? value) where TWriter : IUsageColumnWriter
    {
        if (value is { } number)
            w.Int32(number);
        else
            w.Null();
    }

    private static void Int64<TWriter>(TWriter w, long? value) where TWriter : IUsageColumnWriter
    {
        if (value is { } number)
            w.Int64(number);
        else
            w.Null();
    }

    private static void Time<TWriter>(TWriter w, DateTimeOffset? value) where TWriter : IUsageColumnWriter
    {
        if (value is { } time)
            w.Time(time);
        else
            w.Null();
    }
}
