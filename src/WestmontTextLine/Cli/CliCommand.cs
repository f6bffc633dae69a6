using Microsoft.Extensions.Options;
using WestmontTextLine.Console.Accounts;
using WestmontTextLine.Flows;

namespace WestmontTextLine.Cli;

/// <summary>
/// `dotnet run --project src/WestmontTextLine -- check | chat | graph | stats | staff | rekey`: the operator's tools, in the same
/// executable as the line. Exit codes: 0 done, 1 a problem found (broken flows, a store that fails), 2 a usage error.
/// </summary>
public static class CliCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public const string Usage = """
        usage: dotnet run --project src/WestmontTextLine -- <verb> [options]
               (no verb, or only settings such as --urls: start the line; --help: this list)

          check                    validate flows/ and referrals.yaml; list what to verify before launch
                 --launch          also fail while a referral is still verify_before_launch: true
          chat                     talk to the line in the terminal (reads standard input, a text per line)
                 --from +1...      the simulated phone number
                 --lang es         start in this language
                 --store sqlite    keep sessions and counts in the real store (default: memory, nothing kept)
          graph                    print the menu as a Mermaid state diagram
                 --format dot      print DOT (Graphviz) instead
                 --lang es         label the nodes in this language
                 --update-readme   write the Mermaid diagram into README.md
          stats                    print anonymous usage counts for the last 7 and 30 days
          staff add NAME --role admin|staff
                                   add a console account; the password is read from standard input
          staff list               list the console accounts (role, second factor, lockout)
          staff remove NAME        remove an account
          staff reset NAME         a new password (from standard input); clears the second factor
          rekey                    with the line stopped: re-encrypt every stored record and queued text from
                                   TextLine:PreviousEncryptionKey to the current encryption key (prints counts only)

        every verb: --flows DIR (default: TextLine:FlowsPath), --Section:Key value for any setting, --environment NAME, --urls URLS
        """;

    private static readonly string[] HelpWords = ["--help", "-h", "help"];

    /// <summary>
    /// True when the command line is for the tools rather than the server: a verb, a request for help, or a plain word
    /// that is no verb (a mistyped one, answered with the usage instead of starting the line). The server's own
    /// arguments are settings (`--urls http://...`, `--environment Production`, `--Section:Key value`, `/Key value`,
    /// `Key=value`), as are a test host's; they still start the line.
    /// </summary>
    /// <remarks>
    /// A plain word after the settings (`--environment Production stats`) is for the tools too: it is refused there, since
    /// the host would ignore it and start the line, which `rekey` or `stats` never meant.
    /// </remarks>
    public static bool IsVerb(string[] args) =>
        args.Length > 0 && (CliArguments.Verbs.Contains(args[0]) || IsHelp(args[0]) || IsPlainWord(args[0]) || WordAfterSettings(args) is not null);

    /// <summary>The first plain word that is neither a setting nor a setting's value, when the settings come first; else null.</summary>
    private static string? WordAfterSettings(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (IsPlainWord(arg)) return arg;
            // A bare `--` (typed once for dotnet run and once more for the line) is no setting: it takes no value, so
            // `-- rekey` after the settings is found, not skipped as `--`'s value while the line starts instead.
            if (arg == EndOfOptions) continue;
            if (arg.Length > 0 && arg[0] is '-' or '/' && !arg.Contains('=')) i++; // `--Key value`: skip the value
        }
        return null;
    }

    private const string EndOfOptions = "--";

    private static bool IsHelp(string arg) => HelpWords.Contains(arg);

    // A setting on the command line starts with - or /, or has its value after =.
    private static bool IsPlainWord(string arg) => arg.Length > 0 && arg[0] is not ('-' or '/') && !arg.Contains('=');

    public static Task<int> RunAsync(string[] args) =>
        RunAsync(args, CliConsole.System, Directory.GetCurrentDirectory());

    /// <param name="configureServices">Replaces services after the verb's own choices, as tests do to set the clock.</param>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args, CliConsole console, string contentRoot, Action<IServiceCollection>? configureServices = null)
    {
        if (args.Count > 0 && IsHelp(args[0]))
        {
            await console.Output.WriteLineAsync(Usage);
            return Ok;
        }

        if (args.Count > 0 && args[0] is { } first && !IsPlainWord(first) && !IsHelp(first) && WordAfterSettings(args) is { } word)
        {
            var why = CliArguments.Verbs.Contains(word) || IsHelp(word)
                ? $"'{word}' must come first, before any setting (dotnet run --project src/WestmontTextLine -- {word} --Section:Key value)"
                : $"unknown command '{word}' after the settings";
            await console.Error.WriteLineAsync($"error: {why}: nothing was run, and the line was not started\n\n{Usage}");
            return UsageError;
        }

        CliArguments arguments;
        try
        {
            arguments = CliArguments.Parse(args, Directory.GetCurrentDirectory());
        }
        catch (CliUsageException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}\n\n{Usage}");
            return UsageError;
        }

        try
        {
            using var host = CliHost.Build(arguments, contentRoot, services =>
            {
                if (arguments.Verb == "check") CheckCommand.ConfigureServices(services);
                if (arguments.Verb == "chat") ChatCommand.ConfigureServices(arguments, services);
                if (arguments.Verb == "staff") services.AddStaffAccounts();
                configureServices?.Invoke(services);
            });
            return arguments.Verb switch
            {
                "check" => await CheckCommand.RunAsync(host.Services, console, forLaunch: arguments.Flag("launch")),
                "chat" => await ChatCommand.RunAsync(host, arguments, console),
                "graph" => await GraphCommand.RunAsync(host.Services, arguments, console),
                "staff" => await StaffCommand.RunAsync(host.Services, arguments, console),
                "rekey" => await RekeyCommand.RunAsync(host.Services, console),
                _ => await StatsCommand.RunAsync(host.Services, console),
            };
        }
        catch (CliUsageException ex)
        {
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return UsageError;
        }
        catch (FlowLoadException ex)
        {
            foreach (var error in ex.Result.Errors) await console.Error.WriteLineAsync(error.ToString());
            await console.Error.WriteLineAsync("The flows did not load; run `check` for the full report.");
            return Failed;
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync($"error: {string.Join(" ", ex.Failures)}");
            return Failed;
        }
        catch (InvalidOperationException ex)
        {
            // A setting the verb needs is missing or wrong (a privacy key, a store): say which, no stack trace.
            await console.Error.WriteLineAsync($"error: {ex.Message}");
            return Failed;
        }
    }
}
