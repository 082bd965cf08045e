namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// What a proxied call is, from its method and path: a short stable <see cref="Name"/> for the usage record
/// (<c>chat.completions</c>, <c>messages</c>, <c>generateContent</c>, <c>other</c>…), whether it can cost money,
/// and where its response reports usage.
/// </summary>
/// <param name="Name">Stable endpoint name; see <c>README.md</c> for the list.</param>
/// <param name="Billable">False for calls free by nature: token counting, model lists, file and batch management, any GET.</param>
/// <param name="Format">Where the response reports usage; <see cref="UsageFormat.None"/> when it does not.</param>
/// <param name="PathModel">The model named in the URL (Gemini <c>models/{model}:method</c>, DeepInfra <c>/v1/inference/{model}</c>), for when the body names none.</param>
internal sealed record EndpointInfo(string Name, bool Billable, UsageFormat Format, string? PathModel = null);
