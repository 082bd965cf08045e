namespace SpendOps.Tests.Proxy.Hostile;

/// <summary>The shape of the refusal a hostile request gets, which tells the test where the message is.</summary>
public enum HostileEnvelope
{
    /// <summary>Decided by the path, as the SDKs do: Anthropic under /anthropic/, Gemini under /google/, OpenAI otherwise.</summary>
    ByPath = 0,
    OpenAi,
    Anthropic,
    Gemini,

    /// <summary>The ingest's <c>google.rpc.Status</c>, in JSON or protobuf as the response's Content-Type says.</summary>
    Otlp,

    /// <summary>
    /// The web server itself refuses a request that is not well-formed HTTP (a broken request line, header or
    /// framing) before any SpendOps code runs: a status and an empty body, as for any HTTP server.
    /// </summary>
    Server,

    /// <summary>
    /// The client stopped sending in the middle of its request (it shut down its side of the connection): the
    /// server takes it as gone and closes the connection, since nobody is left to read an answer. Status 0.
    /// </summary>
    Closed,
}
