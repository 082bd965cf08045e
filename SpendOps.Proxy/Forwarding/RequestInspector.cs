using System.Text;
using System.Text.Json;
using Microsoft.Net.Http.Headers;
using SpendOps.Proxy.Usage.Extractors;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Finds the model and stream flags of a request without building objects from the body: a forward-only
/// <see cref="Utf8JsonReader"/> pass over the top-level properties that skips every other value.
/// </summary>
internal static class RequestInspector
{
    private const int MaxModelLength = 200;

    /// <param name="endpoint">The classified endpoint: its URL model (Gemini, DeepInfra native) wins over the body's.</param>
    public static RequestFacts Inspect(EndpointInfo endpoint, string? contentType, ReadOnlySpan<byte> body)
    {
        var pathStreams = endpoint.Name == "streamGenerateContent";
        if (body.IsEmpty)
            return new RequestFacts(endpoint.PathModel, pathStreams, false);

        if (contentType is not null && contentType.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return new RequestFacts(endpoint.PathModel ?? ModelFromMultipart(contentType, body), pathStreams, false);

        var json = ReadJson(body);
        return new RequestFacts(endpoint.PathModel ?? json.Model, pathStreams || json.Stream, json.IncludesStreamUsage);
    }

    /// <summary>
    /// Reads <c>model</c>, <c>stream</c> and <c>stream_options</c>. A body this reader cannot fully read, or that names
    /// the model twice, has no model as far as the allow-list is concerned: providers' parsers differ (last key wins,
    /// NaN accepted), and the proxy must not approve one model while the provider runs another.
    /// </summary>
    private static RequestFacts ReadJson(ReadOnlySpan<byte> body)
    {
        string? model = null;
        bool stream = false, includeUsage = false, modelSeen = false;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return default;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    if (modelSeen)
                        return new RequestFacts(null, stream, includeUsage);
                    modelSeen = true;
                    if (reader.TokenType == JsonTokenType.String)
                        model = Truncate(reader.GetString()!);
                    else
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
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Malformed JSON or text that is not valid UTF-8/UTF-16: the provider will reject it or read it its own way.
            return new RequestFacts(null, stream, includeUsage);
        }
        return new RequestFacts(model, stream, includeUsage);
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

    /// <summary>The <c>model</c> field of a multipart form (audio transcription, image edits).</summary>
    private static string? ModelFromMultipart(string contentType, ReadOnlySpan<byte> body)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            return null;
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString();
        if (boundary.Length == 0)
            return null;
        var delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
        var position = 0;
        string? model = null;
        while (position < body.Length)
        {
            var headerStart = body[position..].IndexOf("Content-Disposition:"u8);
            if (headerStart < 0)
                return model;
            headerStart += position;
            var headersEnd = body[headerStart..].IndexOf("\r\n\r\n"u8);
            if (headersEnd < 0)
                return null;
            var headers = body.Slice(headerStart, headersEnd);
            var valueStart = headerStart + headersEnd + 4;
            var valueEnd = body[valueStart..].IndexOf(delimiter);
            if (valueEnd < 0)
                return null;
            if (IsModelField(headers))
            {
                if (model is not null)
                    return null; // Two model fields: which one the provider reads is not ours to guess.
                model = Truncate(Encoding.UTF8.GetString(body.Slice(valueStart, valueEnd)).Trim());
            }
            position = valueStart + valueEnd + delimiter.Length;
        }
        return model;
    }

    /// <summary>Clients differ in quoting (<c>name="model"</c> from most SDKs, <c>name=model</c> from .NET).</summary>
    private static bool IsModelField(ReadOnlySpan<byte> partHeaders)
    {
        var line = partHeaders["Content-Disposition:"u8.Length..];
        var end = line.IndexOf("\r\n"u8);
        var value = Encoding.ASCII.GetString(end < 0 ? line : line[..end]).Trim();
        return ContentDispositionHeaderValue.TryParse(value, out var disposition)
            && disposition.FileName.Length == 0
            && HeaderUtilities.RemoveQuotes(disposition.Name).Equals("model", StringComparison.Ordinal);
    }

    private static string Truncate(string model) => model.Length <= MaxModelLength ? model : model[..MaxModelLength];
}
