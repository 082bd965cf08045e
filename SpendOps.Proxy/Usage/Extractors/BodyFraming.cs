namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>How a response body is framed; decided from the response content type.</summary>
internal enum BodyFraming
{
    /// <summary>One JSON document (<c>application/json</c>).</summary>
    Json = 0,

    /// <summary>Server-Sent Events (<c>text/event-stream</c>), one JSON document per event.</summary>
    EventStream = 1,

    /// <summary>A JSON array written piece by piece (Gemini <c>streamGenerateContent</c> without <c>alt=sse</c>).</summary>
    JsonArray = 2,
}
