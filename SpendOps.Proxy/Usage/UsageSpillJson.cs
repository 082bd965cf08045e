using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SpendOps.Core.Usage;

namespace SpendOps.Proxy.Usage;

/// <summary>
/// The JSON of spill files. Token counters are written flat on the record, as they were before they moved into
/// <see cref="TokenCounts"/>: a spill file outlives the process that wrote it (it is replayed after an upgrade, or
/// by another instance sharing the folder), and a counter nested where the reader does not look would replay as zero.
/// </summary>
internal static class UsageSpillJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { FlattenTokens } },
    };

    private static void FlattenTokens(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Type != typeof(UsageRecord))
            return;
        var tokens = typeInfo.Properties.Single(p => p.AttributeProvider is PropertyInfo { Name: nameof(UsageRecord.Tokens) });
        typeInfo.Properties.Remove(tokens);
        foreach (var counter in typeof(TokenCounts).GetProperties().Where(p => p.CanWrite))
        {
            var name = typeInfo.Options.PropertyNamingPolicy?.ConvertName(counter.Name) ?? counter.Name;
            var property = typeInfo.CreateJsonPropertyInfo(counter.PropertyType, name);
            property.Get = record => counter.GetValue(((UsageRecord)record).Tokens);
            property.Set = (record, value) => counter.SetValue(((UsageRecord)record).Tokens, value);
            typeInfo.Properties.Add(property);
        }
    }
}
