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
            if (counter.PropertyType == typeof(long))
                Bind<long>(property, counter);
            else if (counter.PropertyType == typeof(int))
                Bind<int>(property, counter);
            else
                throw new InvalidOperationException($"TokenCounts.{counter.Name} is a {counter.PropertyType.Name}; the spill format knows long and int counters.");
            typeInfo.Properties.Add(property);
        }
    }

    /// <summary>Compiled accessors, not reflection: the journal writes every call's record with these.</summary>
    private static void Bind<T>(JsonPropertyInfo property, PropertyInfo counter)
    {
        var get = counter.GetMethod!.CreateDelegate<Func<TokenCounts, T>>();
        var set = counter.SetMethod!.CreateDelegate<Action<TokenCounts, T>>();
        property.Get = record => get(((UsageRecord)record).Tokens);
        property.Set = (record, value) => set(((UsageRecord)record).Tokens, (T)value!);
    }
}
