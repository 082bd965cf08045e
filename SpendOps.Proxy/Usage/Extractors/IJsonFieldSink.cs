namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>Receives what a <see cref="JsonFieldCollector"/> captures.</summary>
internal interface IJsonFieldSink
{
    /// <summary>
    /// The raw JSON of one selected value (a complete object, array, string with its quotes, number or literal).
    /// <paramref name="field"/> is the index of the path in the <see cref="JsonFieldSet"/>. The span is only valid
    /// during the call, so parse it there.
    /// </summary>
    void OnValue(int field, ReadOnlySpan<byte> json);

    /// <summary>A document ended: the root object closed, or one object element of a root array closed.</summary>
    void OnDocumentEnd();
}
