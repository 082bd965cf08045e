namespace SpendOps.Proxy.Forwarding;

/// <summary>What the proxy reads from a request before forwarding it.</summary>
/// <param name="Model">From the JSON <c>model</c>, the multipart <c>model</c> field or the URL (Gemini, DeepInfra native).</param>
/// <param name="Stream">The request asked for a stream (<c>"stream": true</c> or Gemini's <c>streamGenerateContent</c>).</param>
/// <param name="IncludesStreamUsage">The request already has <c>stream_options.include_usage: true</c>.</param>
/// <param name="ModelAmbiguous">The request names different models in different places (two keys, two form fields, body and query).</param>
internal readonly record struct RequestFacts(string? Model, bool Stream, bool IncludesStreamUsage, bool ModelAmbiguous = false);
