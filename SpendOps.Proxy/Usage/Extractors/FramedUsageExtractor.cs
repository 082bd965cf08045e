using System.Text.Json;

namespace SpendOps.Proxy.Usage.Extractors;

/// <summary>
/// The plumbing every extractor shares: framing (one JSON body, a JSON array, or SSE events each holding one
/// JSON document), the bounded <see cref="JsonFieldCollector"/>, and the "never throw" guard. A format-specific
/// subclass only says which fields it wants and what they mean.
/// </summary>
internal abstract class FramedUsageExtractor : IUsageExtractor, IJsonFieldSink
{
    private readonly JsonFieldCollector collector;
    private readonly SseReader? sse;
    private UsageObservation? result;
    private bool faulted;

    protected FramedUsageExtractor(JsonFieldSet fields, BodyFraming framing)
    {
        collector = new JsonFieldCollector(fields, this);
        Framing = framing;
        if (framing == BodyFraming.EventStream)
            sse = new SseReader(OnEvent);
    }

    protected BodyFraming Framing { get; }

    /// <summary>The observation being filled; model, id and usage go straight in as they are read.</summary>
    protected UsageObservation Observation { get; } = new();

    /// <summary>An SSE stream sent <c>data: [DONE]</c>.</summary>
    protected bool StreamDone => sse?.Done == true;

    /// <summary>A JSON body (object or array) was read to its closing bracket.</summary>
    protected bool BodyComplete => sse is null && collector.RootCompleted;

    /// <summary>Whether the normal end of the response was seen; asked once, from <see cref="Complete"/>.</summary>
    protected abstract bool IsCompleted { get; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (faulted || result is not null)
            return;
        try
        {
            if (sse is null)
                collector.Append(bytes);
            else
                sse.Append(bytes);
        }
        catch (Exception)
        {
            // A bug here must not break the client's response; the caller sees ParseFailed and counts it.
            faulted = true;
        }
    }

    public UsageObservation Complete()
    {
        if (result is not null)
            return result;
        try
        {
            if (!faulted)
            {
                sse?.Complete();
                OnComplete();
                Observation.Completed = IsCompleted;
                Observation.SkippedOversized = (sse?.DroppedEvents ?? 0) + collector.DroppedCaptures;
                Observation.ParseFailed |= sse is null && collector.Failed;
            }
        }
        catch (Exception)
        {
            faulted = true;
        }
        finally
        {
            collector.Release();
        }

        result = faulted
            ? new UsageObservation { ParseFailed = true, ModelReported = Observation.ModelReported, ResponseId = Observation.ResponseId }
            : Observation;
        return result;
    }

    void IJsonFieldSink.OnValue(int field, ReadOnlySpan<byte> json)
    {
        try
        {
            OnField(field, json);
        }
        catch (JsonException)
        {
            // The collector does not validate; a malformed value is skipped and the rest of the body still counts.
            Observation.ParseFailed = true;
        }
    }

    void IJsonFieldSink.OnDocumentEnd() => OnDocumentEnd();

    /// <summary>One captured value; <paramref name="field"/> is the index of its path in the subclass's field set.</summary>
    protected abstract void OnField(int field, ReadOnlySpan<byte> json);

    /// <summary>One JSON document ended (the body, an SSE event, or an element of a JSON array).</summary>
    protected virtual void OnDocumentEnd()
    {
    }

    /// <summary>Last chance to move accumulated state into <see cref="Observation"/>.</summary>
    protected virtual void OnComplete()
    {
    }

    /// <summary>Keeps the first non-empty <c>model</c> seen; later chunks repeat it, so they cost no allocation.</summary>
    protected void ReadModel(ReadOnlySpan<byte> json) => Observation.ModelReported ??= JsonValues.ReadString(json);

    /// <summary>Keeps the first non-empty response id seen.</summary>
    protected void ReadResponseId(ReadOnlySpan<byte> json) => Observation.ResponseId ??= JsonValues.ReadString(json);

    private void OnEvent(ReadOnlySpan<byte> data)
    {
        collector.Reset();
        collector.Append(data);
        if (!collector.RootCompleted)
            Observation.ParseFailed = true;
    }
}
