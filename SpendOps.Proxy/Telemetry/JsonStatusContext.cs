using System.Text.Json.Serialization;

namespace SpendOps.Proxy.Telemetry;

[JsonSerializable(typeof(JsonStatus))]
internal sealed partial class JsonStatusContext : JsonSerializerContext;
