namespace SpendOps.Proxy.Forwarding;

/// <summary>
/// Every place a request names its model (JSON keys, multipart fields, the query string). The first one is the
/// request's model; two that differ make the request ambiguous, because providers' parsers differ in which one
/// they use (first, last, case-insensitive match), and the allow-list must judge the model the provider runs.
/// </summary>
internal sealed class ModelMentions
{
    private const int MaxModelLength = 200;

    public string? Model { get; private set; }

    public bool Any { get; private set; }

    public bool Ambiguous { get; private set; }

    /// <param name="value">The named model; null when the value is not a string (it still counts as a mention).</param>
    public void Add(string? value)
    {
        value = value is null ? null : Truncate(value);
        if (!Any)
        {
            Any = true;
            Model = value;
        }
        else if (!string.Equals(Model, value, StringComparison.Ordinal))
        {
            Ambiguous = true;
        }
    }

    private static string Truncate(string model) => model.Length <= MaxModelLength ? model : model[..MaxModelLength];
}
