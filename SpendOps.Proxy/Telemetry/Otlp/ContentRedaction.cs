namespace SpendOps.Proxy.Telemetry.Otlp;

/// <summary>
/// Decides what of a batch may be stored. Conversation content (prompts, responses, tool input and output, raw API
/// bodies) must never be, and a sender can put it anywhere, so this is an allow-list, not a list of known content
/// keys: record and data point attributes are kept only when Claude Code documents them and they carry a short
/// scalar (<see cref="ContentAllowList"/>); the log body only when it is an event name; resource attributes (the
/// customer's <c>OTEL_RESOURCE_ATTRIBUTES</c>, which become dimensions) only as short scalars; scope attributes never.
/// Everything else is stored as <c>&lt;REDACTED&gt;</c> (Claude Code's own placeholder), its key kept so the stored
/// copy still shows what was sent. One instance per request; <see cref="Redacted"/> says whether anything was replaced.
/// </summary>
internal sealed class ContentRedaction
{
    public static readonly OtlpValue Placeholder = OtlpValue.FromString("<REDACTED>");

    /// <summary>Longest text kept: every documented value (ids, names, numbers, versions) is far shorter, a prompt usually is not.</summary>
    public const int MaxTextLength = 256;

    public bool Redacted { get; private set; }

    /// <summary>A record or data point attribute; a copy of a resource attribute (Claude Code repeats custom ones) is kept as the resource's is.</summary>
    public OtlpValue RecordAttribute(string key, OtlpValue value, OtlpAttributes resource)
    {
        if (ContentAllowList.IsAllowed(key))
            return Scalar(value, allowNested: true);
        return resource.Find(key) is { } onResource && SameScalar(onResource, value) ? Scalar(value, allowNested: false) : Replace(value);
    }

    public OtlpValue ResourceAttribute(OtlpValue value) => Scalar(value, allowNested: false);

    public OtlpValue ScopeAttribute(OtlpValue value) => Replace(value);

    /// <summary>The log body: Claude Code puts the event name there (<c>claude_code.api_request</c>); anything else may be content.</summary>
    public OtlpValue Body(OtlpValue value) =>
        value is { Kind: OtlpValueKind.String, String: { } text } && ContentAllowList.IsEventName(text) ? value : Replace(value);

    /// <summary>A free-text field of the envelope (severity text, metric description, scope name, schema URL): kept when short.</summary>
    public string? Text(string? value)
    {
        if (value is null || value.Length <= MaxTextLength)
            return value;
        Redacted = true;
        return Placeholder.String;
    }

    /// <summary>
    /// A scalar kept when short. Lists and arrays under an allowed key (<c>user.groups</c>) have the same rules applied
    /// to their entries, so content cannot ride along nested under an allowed name.
    /// </summary>
    private OtlpValue Scalar(OtlpValue value, bool allowNested)
    {
        switch (value.Kind)
        {
            case OtlpValueKind.Empty or OtlpValueKind.Bool or OtlpValueKind.Int or OtlpValueKind.Double:
                return value;
            case OtlpValueKind.String:
                return value.String!.Length <= MaxTextLength || IsPlaceholder(value) ? value : Replace(value);
            case OtlpValueKind.Array when allowNested:
                return new OtlpValue { Kind = OtlpValueKind.Array, Array = value.Array!.Select(v => Scalar(v, allowNested)).ToList() };
            case OtlpValueKind.KeyValueList when allowNested:
                var entries = new OtlpAttributes();
                foreach (var (key, nested) in value.KeyValueList!)
                    entries.Add(new(key, ContentAllowList.IsAllowed(key) ? Scalar(nested, allowNested) : Replace(nested)));
                return new OtlpValue { Kind = OtlpValueKind.KeyValueList, KeyValueList = entries };
            default:
                return Replace(value);
        }
    }

    private OtlpValue Replace(OtlpValue value)
    {
        if (value.Kind == OtlpValueKind.Empty || IsPlaceholder(value))
            return value;
        Redacted = true;
        return Placeholder;
    }

    private static bool IsPlaceholder(OtlpValue value) => value is { Kind: OtlpValueKind.String } && value.String == Placeholder.String;

    private static bool SameScalar(OtlpValue a, OtlpValue b) => a.Kind == b.Kind && a.AsText() is { } text && text == b.AsText();
}
