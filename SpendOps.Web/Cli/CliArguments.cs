namespace SpendOps.Web.Cli;

/// <summary>
/// Positional arguments, <c>--name value</c> options and <c>--flag</c> switches of one command. A repeatable option
/// takes every value up to the next <c>--option</c> and may be given again: <c>--scope a b --scope c</c>.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);
    private readonly HashSet<string> flags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> repeated = new(StringComparer.Ordinal);

    private CliArguments(string commandName) => CommandName = commandName;

    public string CommandName { get; }
    public List<string> Positional { get; } = [];

    public static CliArguments Parse(string commandName, IReadOnlyList<string> args, IReadOnlyCollection<string> knownOptions, IReadOnlyCollection<string> knownFlags,
        IReadOnlyCollection<string>? repeatableOptions = null)
    {
        var parsed = new CliArguments(commandName);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                parsed.Positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            string? inlineValue = null;
            var eq = name.IndexOf('=');
            if (eq >= 0)
            {
                inlineValue = name[(eq + 1)..];
                name = name[..eq];
            }
            if (knownFlags.Contains(name))
            {
                parsed.flags.Add(name);
                continue;
            }
            if (!knownOptions.Contains(name))
                throw new CliUsageException($"'{commandName}' has no option --{name}. Options: {Describe(knownOptions, knownFlags)}");
            if (repeatableOptions?.Contains(name) == true)
            {
                if (!parsed.repeated.TryGetValue(name, out var values))
                    parsed.repeated[name] = values = [];
                if (inlineValue is not null)
                    values.Add(inlineValue);
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    values.Add(args[++i]);
                if (values.Count == 0)
                    throw new CliUsageException($"--{name} needs a value");
                continue;
            }
            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new CliUsageException($"--{name} needs a value"));
            if (!parsed.options.TryAdd(name, value))
                throw new CliUsageException($"--{name} is given twice");
        }
        return parsed;
    }

    public bool Flag(string name) => flags.Contains(name);

    public string? Option(string name) => options.GetValueOrDefault(name);

    /// <summary>Every value of a repeatable option, in order.</summary>
    public IReadOnlyList<string> Values(string name) => repeated.TryGetValue(name, out var values) ? values : [];

    public string RequiredOption(string name) =>
        options.TryGetValue(name, out var value) && value.Length > 0 ? value : throw new CliUsageException($"'{CommandName}' needs --{name}");

    public string RequiredPositional(int index, string what) =>
        index < Positional.Count ? Positional[index] : throw new CliUsageException($"'{CommandName}' needs {what}");

    public IReadOnlyList<string> ListOption(string name) =>
        Option(name)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    public DateTimeOffset? DateOption(string name)
    {
        var value = Option(name);
        if (value is null)
            return null;
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed))
            return parsed.ToUniversalTime();
        throw new CliUsageException($"--{name} '{value}' is not an ISO 8601 date or time (e.g. 2026-11-01 or 2026-11-01T12:00:00Z)");
    }

    public decimal? DecimalOption(string name)
    {
        var value = Option(name);
        if (value is null)
            return null;
        if (decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
            return parsed;
        throw new CliUsageException($"--{name} '{value}' is not a non-negative number (use a dot for decimals, e.g. 2.50)");
    }

    private static string Describe(IReadOnlyCollection<string> knownOptions, IReadOnlyCollection<string> knownFlags)
    {
        var all = knownOptions.Select(o => "--" + o).Concat(knownFlags.Select(f => "--" + f)).ToList();
        return all.Count == 0 ? "(none)" : string.Join(", ", all);
    }
}
