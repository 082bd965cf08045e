using System.Runtime.InteropServices;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// The <c>model</c> fields of a multipart form (audio transcription, image edits), read with the framework's
/// <see cref="MultipartReader"/>: part headers are case-insensitive (<c>content-disposition:</c> is as valid as
/// <c>Content-Disposition:</c>), and every field named <c>model</c> counts, so a second one cannot slip past.
/// </summary>
internal static class MultipartModelReader
{
    private const int MaxModelFieldBytes = 4 * 1024;

    /// <summary>Adds each model field to <paramref name="mentions"/>; false when the form cannot be read to its end.</summary>
    public static async ValueTask<bool> ReadAsync(string contentType, ReadOnlyMemory<byte> body, ModelMentions mentions, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType))
            return false;
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).ToString();
        if (boundary.Length is 0 or > 200 || !MemoryMarshal.TryGetArray(body, out var segment))
            return false;
        using var stream = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        // The whole form is already in memory and within the proxy's body limit; the reader's own 128 MB cap per part
        // would make a large upload unreadable.
        var reader = new MultipartReader(boundary, stream) { BodyLengthLimit = null };
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!section.Headers!.TryGetValue(HeaderNames.ContentDisposition, out var dispositions))
                    continue;
                if (dispositions.Count != 1)
                    return false; // Two Content-Disposition headers in one part: which name counts is not ours to guess.
                if (!ContentDispositionHeaderValue.TryParse(dispositions[0], out var disposition))
                    continue;
                if (!IsModelField(disposition))
                    continue;
                mentions.Add(await ReadValueAsync(section.Body, cancellationToken));
            }
            return true;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            return false; // Malformed: missing boundary, headers over the reader's limits, truncated body.
        }
    }

    /// <summary>Clients differ in quoting (<c>name="model"</c> from most SDKs, <c>name=model</c> from .NET).</summary>
    private static bool IsModelField(ContentDispositionHeaderValue disposition) =>
        disposition.FileName.Length == 0 && disposition.FileNameStar.Length == 0
        && (HeaderUtilities.RemoveQuotes(disposition.Name).Equals("model", StringComparison.OrdinalIgnoreCase)
            || disposition.Parameters.Any(IsExtendedModelName));

    /// <summary>RFC 5987 <c>name*=UTF-8''model</c>: rare, but some parsers honour it.</summary>
    private static bool IsExtendedModelName(NameValueHeaderValue parameter)
    {
        if (!parameter.Name.Equals("name*", StringComparison.OrdinalIgnoreCase))
            return false;
        var value = parameter.Value.ToString();
        var start = value.IndexOf("''", StringComparison.Ordinal);
        return start >= 0 && Uri.UnescapeDataString(value[(start + 2)..]).Equals("model", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string?> ReadValueAsync(Stream body, CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxModelFieldBytes];
        var length = 0;
        int read;
        while ((read = await body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
            if (length == buffer.Length)
                break; // the reader skips the rest of the part when it moves on
        }
        return Encoding.UTF8.GetString(buffer, 0, length).Trim();
    }
}
