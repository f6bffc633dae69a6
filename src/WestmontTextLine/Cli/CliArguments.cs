namespace WestmontTextLine.Cli;

/// <summary>
/// A verb and its options. Options that are settings go to the host's configuration, as they would for the server:
/// `--flows DIR` sets TextLine:FlowsPath, and any `--Section:Key value`, `--environment NAME` or `--urls URLS` passes through.
/// </summary>
public sealed class CliArguments
{
    private static readonly Dictionary<string, string[]> ValueOptions = new()
    {
        ["check"] = ["flows"],
        ["chat"] = ["flows", "from", "lang", "store"],
        ["graph"] = ["flows", "format", "lang"],
        ["stats"] = ["flows"],
        ["staff"] = ["flows", "role"],
        ["rekey"] = ["flows"],
    };

    /// <summary>How many plain words a verb takes after it: `staff add NAME`.</summary>
    private static readonly Dictionary<string, int> MaxPositionals = new()
    {
        ["staff"] = 2,
    };

    private static readonly Dictionary<string, string[]> FlagOptions = new()
    {
        ["check"] = ["launch"],
        ["graph"] = ["update-readme"],
    };

    private static readonly string[] HostSettings = ["environment", "urls"];

    private readonly Dictionary<string, string> _options = [];
    private readonly HashSet<string> _flags = [];
    private readonly List<string> _positionals = [];
    private readonly List<string> _configuration = [];

    private CliArguments(string verb) => Verb = verb;

    public static IReadOnlyCollection<string> Verbs => ValueOptions.Keys;

    public string Verb { get; }

    /// <summary>Command-line settings for the host, in the form its configuration reads.</summary>
    public IReadOnlyList<string> ConfigurationArgs => _configuration;

    public string? Option(string name) => _options.GetValueOrDefault(name);

    public bool Flag(string name) => _flags.Contains(name);

    /// <summary>The plain words after the verb, in order (only verbs that take them have any).</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    /// <exception cref="CliUsageException">An unknown verb or option, or an option without its value.</exception>
    public static CliArguments Parse(IReadOnlyList<string> args, string workingDirectory)
    {
        if (args.Count == 0 || !ValueOptions.ContainsKey(args[0])) throw new CliUsageException($"unknown command '{args.FirstOrDefault()}'");
        var parsed = new CliArguments(args[0]);
        var valueOptions = ValueOptions[parsed.Verb];
        var flagOptions = FlagOptions.GetValueOrDefault(parsed.Verb) ?? [];

        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (parsed._positionals.Count >= MaxPositionals.GetValueOrDefault(parsed.Verb)) throw new CliUsageException($"unexpected '{arg}'");
                parsed._positionals.Add(arg);
                continue;
            }
            var (name, inlineValue) = arg[2..].Split('=', 2) is [var n, var v] ? (n, v) : (arg[2..], null);
            if (flagOptions.Contains(name) && inlineValue is null)
            {
                parsed._flags.Add(name);
                continue;
            }
            // --urls as the line takes it, so that `check` reads the address a service is started with.
            var isSetting = name.Contains(':') || HostSettings.Contains(name, StringComparer.OrdinalIgnoreCase);
            if (!valueOptions.Contains(name) && !isSetting) throw new CliUsageException($"'{parsed.Verb}' has no option --{name}");
            var value = inlineValue ?? (i + 1 < args.Count ? args[++i] : throw new CliUsageException($"--{name} needs a value"));

            if (isSetting) parsed._configuration.Add($"--{name}={value}");
            // A folder given on the command line is relative to where the command runs, as a shell user expects.
            else if (name == "flows") parsed._configuration.Add($"--TextLine:FlowsPath={Path.GetFullPath(value, workingDirectory)}");
            else parsed._options[name] = value;
        }
        return parsed;
    }
}

public sealed class CliUsageException(string message) : Exception(message);
