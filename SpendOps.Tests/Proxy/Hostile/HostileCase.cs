using System.Text;

namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>
/// One hostile request and the answer a client must read. In <see cref="Head"/>, <c>{key}</c> stands for a valid
/// unrestricted key, <c>{other}</c> for a second one, <c>{restricted}</c> for a key limited to
/// <see cref="HostileRequestTests.AllowedModels"/> and <c>{length}</c> for the body's length.
/// </summary>
/// <param name="Status">The status the client reads.</param>
/// <param name="Code">The OpenAI-shape <c>code</c> of a refusal (null for a forwarded call or another shape).</param>
/// <param name="Message">The exact message of a refusal (null for a forwarded call).</param>
/// <param name="UpstreamTarget">For a forwarded call, the path and query the provider receives, byte for byte.</param>
public sealed record HostileCase(string Head, byte[] Body, int Status, string? Code, string? Message, string? UpstreamTarget = null)
{
    /// <summary>The client writes its whole body before it reads (see <see cref="Infrastructure.RawHttpExchange"/>).</summary>
    public bool ReadAfterSending { get; init; }

    /// <summary>The client stops sending after the body (see <see cref="Infrastructure.RawHttpExchange.SendAsync"/>).</summary>
    public bool HalfClose { get; init; }

    /// <summary>Where the refusal's message is; the OpenAI-shape <see cref="Code"/> is checked only in the OpenAI shape.</summary>
    public HostileEnvelope Envelope { get; init; }

    public static byte[] Text(string body) => Encoding.UTF8.GetBytes(body);

    /// <summary>A POST with the given headers (one per string, repeats allowed) and a Content-Length body.</summary>
    public static string Post(string target, params string[] headers) => Request("POST", target, ["Content-Length: {length}", .. headers]);

    public static string Request(string method, string target, params string[] headers) =>
        string.Join("\r\n", [$"{method} {target} HTTP/1.1", "Host: proxy.test", .. headers]);
}
