using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
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
            typeInfo.Properties.Add(Flat(typeInfo, name, CounterConverter.For(counter)));
        }
    }

    /// <summary>
    /// A property of the record whose value is its whole <see cref="TokenCounts"/>, written as the one counter: the
    /// serializer's getters return objects, and a counter's own number would be boxed for every record journaled.
    /// </summary>
    private static JsonPropertyInfo Flat(JsonTypeInfo typeInfo, string name, CounterConverter converter)
    {
        var property = typeInfo.CreateJsonPropertyInfo(typeof(TokenCounts), name);
        property.CustomConverter = converter;
        property.Get = record => ((UsageRecord)record).Tokens;
        property.Set = (record, value) =>
        {
            if (value is TokenCounts read)
                converter.Copy(read, ((UsageRecord)record).Tokens);
        };
        return property;
    }

    /// <summary>
    /// One counter of <see cref="TokenCounts"/> as a JSON number, through compiled accessors (no reflection per value).
    /// An int counter is read as an int, so a number out of its range fails the line as any malformed JSON does.
    /// </summary>
    private sealed class CounterConverter(Func<TokenCounts, long> get, Action<TokenCounts, long> set, bool isInt) : JsonConverter<TokenCounts>
    {
        public static CounterConverter For(PropertyInfo counter)
        {
            if (counter.PropertyType == typeof(long))
                return new(counter.GetMethod!.CreateDelegate<Func<TokenCounts, long>>(), counter.SetMethod!.CreateDelegate<Action<TokenCounts, long>>(), isInt: false);
            if (counter.PropertyType == typeof(int))
            {
                var get = counter.GetMethod!.CreateDelegate<Func<TokenCounts, int>>();
                var set = counter.SetMethod!.CreateDelegate<Action<TokenCounts, int>>();
                return new(counts => get(counts), (counts, value) => set(counts, (int)value), isInt: true);
            }
            throw new InvalidOperationException($"TokenCounts.{counter.Name} is a {counter.PropertyType.Name}; the spill format knows long and int counters.");
        }

        public void Copy(TokenCounts from, TokenCounts to) => set(to, get(from));

        public override void Write(Utf8JsonWriter writer, TokenCounts value, JsonSerializerOptions options) => writer.WriteNumberValue(get(value));

        /// <summary>Counts holding only this counter, which the property's setter copies into the record's counts.</summary>
        public override TokenCounts Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var counts = new TokenCounts();
            set(counts, isInt ? reader.GetInt32() : reader.GetInt64());
            return counts;
        }
    }
}
