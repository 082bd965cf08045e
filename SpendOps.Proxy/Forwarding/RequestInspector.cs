using System.Text.Json;
using Microsoft.Extensions.Primitives;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Finds the model and stream flags of a request without building objects from the body: a forward-only
/// <see cref="Utf8JsonReader"/> pass over the top-level properties that skips every other value, or the
/// <c>model</c> fields of a multipart form. A <c>model</c> query parameter (OpenAI Realtime) counts when the body
/// names none.
/// </summary>
internal static class RequestInspector
{
    /// <param name="endpoint">The classified endpoint: its URL model (Gemini, DeepInfra native) wins over the body's.</param>
    /// <param name="queryModel">The <c>model</c> query parameter(s).</param>
    public static async ValueTask<RequestFacts> InspectAsync(EndpointInfo endpoint, string? contentType, ReadOnlyMemory<byte> body, StringValues queryModel, CancellationToken cancellationToken)
    {
        var pathStreams = endpoint.Name == "streamGenerateContent";
        var mentions = new ModelMentions();
        var facts = new RequestFacts(null, pathStreams, false);
        var readable = true;
        if (body.IsEmpty)
        {
        }
        else if (contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            readable = await MultipartModelReader.ReadAsync(contentType, body, mentions, cancellationToken);
        }
        else
        {
            var json = ReadJson(body.Span, mentions);
            readable = json.Readable;
            facts = facts with { Stream = pathStreams || json.Stream, IncludesStreamUsage = json.IncludesStreamUsage };
        }
        if (!readable)
            return facts with { Model = endpoint.PathModel };

        foreach (var value in queryModel)
            mentions.Add(value);
        if (endpoint.PathModel is not null)
            return facts with { Model = endpoint.PathModel };
        return facts with { Model = mentions.Model, ModelAmbiguous = mentions.Ambiguous };
    }

    /// <summary>
    /// Reads <c>model</c>, <c>stream</c> and <c>stream_options</c>. A body this reader cannot fully read has no model
    /// as far as the allow-list is concerned: providers' parsers differ (NaN accepted, comments), and the proxy must
    /// not approve one model while the provider runs another. Every key spelled <c>model</c> in any letter case is a
    /// mention (Go's JSON decoder matches field names that way).
    /// </summary>
    private static JsonFacts ReadJson(ReadOnlySpan<byte> body, ModelMentions mentions)
    {
        bool stream = false, includeUsage = false;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return new JsonFacts(false, false, false);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (IsModelKey(ref reader))
                {
                    reader.Read();
                    mentions.Add(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    stream = reader.TokenType == JsonTokenType.True;
                    reader.Skip();
                }
                else if (reader.ValueTextEquals("stream_options"u8))
                {
                    reader.Read();
                    includeUsage = ReadIncludeUsage(ref reader);
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject)
                return new JsonFacts(false, stream, includeUsage);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or text that is not valid UTF-8/UTF-16: the provider will reject it or read it its own way.
            return new JsonFacts(false, stream, includeUsage);
        }
        return new JsonFacts(true, stream, includeUsage);
    }

    private static bool IsModelKey(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals("model"u8))
            return true;
        if (!reader.ValueIsEscaped && reader.ValueSpan.Length != 5)
            return false;
        return string.Equals(reader.GetString(), "model", StringComparison.OrdinalIgnoreCase);
    }

    private static bool ReadIncludeUsage(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return false;
        }
        var include = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isIncludeUsage)
                include = reader.TokenType == JsonTokenType.True;
            reader.Skip();
        }
        return include;
    }

    private readonly record struct JsonFacts(bool Readable, bool Stream, bool IncludesStreamUsage);
}
