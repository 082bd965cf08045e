using System.Text.Json;

namespace SpendOps.Proxy.Usage.Extractors.OpenAi;

/// <summary>
/// Adds <c>"stream_options":{"include_usage":true}</c> to a streamed Chat Completions request that lacks it, so the
/// stream ends with a usage chunk (providers.md §1). Opt-in per key: it changes the request the client sent.
/// Pair it with <see cref="InjectedUsageChunkFilter"/> to hide the extra chunk from the client.
/// </summary>
/// <remarks>
/// Every other byte of the body is kept: the option is inserted right after the opening brace, merged into an
/// existing <c>stream_options</c> object, or written over a <c>null</c>/<c>false</c> value. Invalid JSON, a
/// non-object root, <c>stream</c> not <c>true</c>, or an unexpected <c>stream_options</c> type leaves the body alone.
/// </remarks>
internal static class StreamUsageInjector
{
    private static readonly byte[] WholeOption = "\"stream_options\":{\"include_usage\":true},"u8.ToArray();
    private static readonly byte[] IncludeUsage = "\"include_usage\":true"u8.ToArray();

    /// <summary>
    /// Returns true and the rewritten body when the option had to be added; false (and an empty array) when the
    /// body must be forwarded unchanged.
    /// </summary>
    public static bool TryInject(ReadOnlySpan<byte> requestJson, out byte[] rewritten)
    {
        rewritten = [];
        try
        {
            return TryFind(requestJson, out var edit) && Apply(requestJson, edit, out rewritten);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool Apply(ReadOnlySpan<byte> body, Edit edit, out byte[] rewritten)
    {
        ReadOnlySpan<byte> insert = edit.Kind switch
        {
            EditKind.AddOption => WholeOption,
            EditKind.ReplaceOptions => "{\"include_usage\":true}"u8,
            EditKind.ReplaceIncludeUsage => "true"u8,
            EditKind.AddToEmptyOptions => IncludeUsage,
            _ => [.. IncludeUsage, (byte)','],
        };

        rewritten = new byte[body.Length - edit.RemoveLength + insert.Length];
        body[..edit.Offset].CopyTo(rewritten);
        insert.CopyTo(rewritten.AsSpan(edit.Offset));
        body[(edit.Offset + edit.RemoveLength)..].CopyTo(rewritten.AsSpan(edit.Offset + insert.Length));
        return true;
    }

    private static bool TryFind(ReadOnlySpan<byte> body, out Edit edit)
    {
        edit = default;
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return false;
        var afterRootBrace = (int)reader.BytesConsumed;

        var stream = false;
        Edit? options = null;
        var optionsAlreadyOn = false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                stream = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("stream_options"u8))
            {
                reader.Read();
                optionsAlreadyOn = false;
                options = ReadOptions(ref reader, ref optionsAlreadyOn);
                if (options is null && !optionsAlreadyOn)
                    return false;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        // Reading to the end validates the whole body: never rewrite what we could not parse.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || !stream || optionsAlreadyOn)
            return false;
        edit = options ?? new Edit(EditKind.AddOption, afterRootBrace, 0);
        return true;
    }

    // Positioned on the stream_options value. Null means "leave the body alone" unless alreadyOn was set.
    private static Edit? ReadOptions(ref Utf8JsonReader reader, ref bool alreadyOn)
    {
        var start = (int)reader.TokenStartIndex;
        if (reader.TokenType == JsonTokenType.Null)
            return new Edit(EditKind.ReplaceOptions, start, 4);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var afterBrace = (int)reader.BytesConsumed;
        var empty = true;
        Edit? includeUsage = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            empty = false;
            var isIncludeUsage = reader.ValueTextEquals("include_usage"u8);
            reader.Read();
            if (isIncludeUsage)
            {
                alreadyOn = reader.TokenType == JsonTokenType.True;
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                includeUsage = new Edit(EditKind.ReplaceIncludeUsage, valueStart, (int)reader.BytesConsumed - valueStart);
            }
            else
            {
                reader.Skip();
            }
        }

        if (alreadyOn)
            return null;
        return includeUsage ?? new Edit(empty ? EditKind.AddToEmptyOptions : EditKind.AddToOptions, afterBrace, 0);
    }

    private enum EditKind { AddOption, ReplaceOptions, AddToEmptyOptions, AddToOptions, ReplaceIncludeUsage }

    private readonly record struct Edit(EditKind Kind, int Offset, int RemoveLength);
}
