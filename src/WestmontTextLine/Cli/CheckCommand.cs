using WestmontTextLine.Outbound;
using Microsoft.Extensions.Options;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Reading;
using WestmontTextLine.Flows.Checks;
using WestmontTextLine.Senders;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Cli;

/// <summary>
/// `check`: the loader's own validation, the one the server runs at start, as a report an editor can act on:
/// errors, warnings, how hard the answers are to read, the referrals still to verify before launch; then the settings
/// the line would start with, through the start's own checks (<see cref="SettingsCheck"/>); and a summary.
/// Non-zero exit on any error, so when the line would not start; with --launch, also while any referral is still to verify.
/// </summary>
public static class CheckCommand
{
    /// <summary>`check` is a look before deploying: it creates nothing the start would (<see cref="LookOnly"/>).</summary>
    public static void ConfigureServices(IServiceCollection services) => services.AddSingleton<LookOnly>();

    public static async Task<int> RunAsync(IServiceProvider services, CliConsole console, bool forLaunch = false)
    {
        var environment = services.GetRequiredService<IHostEnvironment>();
        var settings = SettingsCheck.Run(services, services.GetRequiredService<IConfiguration>(), environment.ContentRootPath);
        var output = console.Output;

        FlowLoadResult? result = null;
        if (FlowsFolder(services) is { } folder)
        {
            result = FlowLoader.Load(folder);
            await output.WriteLineAsync($"Checking the flows in {folder}");
            await output.WriteLineAsync();
            foreach (var problem in result.Errors.Concat(result.Warnings)) await output.WriteLineAsync(problem.ToString());
            if (result.Problems.Count == 0) await output.WriteLineAsync("No errors or warnings.");
        }
        else
        {
            await output.WriteLineAsync("The flows were not checked: the TextLine settings do not say where they are (see the settings below).");
        }
        await output.WriteLineAsync();
        if (result?.Flow is not null) await WriteReadingLevelsAsync(output, result.Flow);

        var toVerify = result?.Flow?.Referrals.Values.Where(r => r.VerifyBeforeLaunch).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        await WriteChecklistAsync(output, toVerify);
        await output.WriteLineAsync(ProviderLine(services));
        if (PrivacyKeyLine(services) is { } privacyKey) await output.WriteLineAsync(privacyKey);
        await output.WriteLineAsync();
        await WriteSettingsAsync(output, settings, environment.EnvironmentName);

        var errors = (result?.Errors.Count() ?? 0) + settings.Errors.Count;
        var warnings = (result?.Warnings.Count() ?? 0) + settings.Warnings.Count;
        var summary = $"Summary: {Count(errors, "error")}, {Count(warnings, "warning")}";
        if (toVerify is not null) summary += $", {Count(toVerify.Count, "referral")} to verify before launch";
        summary += errors == 0
            ? ". The line will start with these flows."
            : ". The line will not start until the errors are fixed.";
        await output.WriteLineAsync(summary);
        if (errors > 0) return CliCommand.Failed;
        if (!forLaunch) return CliCommand.Ok;

        if (toVerify!.Count > 0)
        {
            await output.WriteLineAsync($"Launch check: not ready, {Count(toVerify.Count, "referral")} still to verify (see the checklist above).");
            return CliCommand.Failed;
        }
        await output.WriteLineAsync("Launch check: ready, every referral is verified.");
        return CliCommand.Ok;
    }

    /// <summary>The flows folder the line would read, or null when the TextLine settings cannot say (reported with the settings).</summary>
    private static string? FlowsFolder(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<AppRoot>().Resolve(services.GetRequiredService<IOptions<TextLineOptions>>().Value.FlowsPath);
        }
        catch (Exception ex) when (WrongSettings.Threw(ex))
        {
            return null;
        }
    }

    /// <summary>Each setting the start would refuse (error) or ignore (warning), by name; never a value of a secret.</summary>
    private static async Task WriteSettingsAsync(TextWriter output, SettingsCheck settings, string environment)
    {
        await output.WriteLineAsync($"Checking the settings in the {environment} environment");
        await output.WriteLineAsync();
        foreach (var error in settings.Errors) await output.WriteLineAsync($"error: {error}");
        foreach (var warning in settings.Warnings) await output.WriteLineAsync($"warning: {warning}");
        if (settings.Errors.Count + settings.Warnings.Count == 0) await output.WriteLineAsync("No errors or warnings.");
        await output.WriteLineAsync();
    }

    private static async Task WriteReadingLevelsAsync(TextWriter output, Flow flow)
    {
        await output.WriteLineAsync("Reading level of the answers:");
        foreach (var language in flow.Languages.Values)
        {
            var scores = ReadingLevelCheck.ScoresOf(language);
            if (ReadingFormula.For(language.Language) is not { } formula || scores.Count == 0) continue;
            var limit = language.ReadingLimit is { } set ? $"limit: {formula.LimitSetting} {set.Limit:0.#}" : "no limit set";
            var hardest = scores.OrderByDescending(s => formula.Hardness(s.Score)).Take(3).Select(s => $"{s.Node} {s.Score:0.0}");
            await output.WriteLineAsync(
                $"  {language.Language}, {formula.Name} ({limit}): median {Median(scores.Select(s => s.Score)):0.0}; hardest: {string.Join(", ", hardest)}");
        }
        await output.WriteLineAsync();
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>One line on the provider account: what deletion and outbound texts do, or why they are off.</summary>
    private static string ProviderLine(IServiceProvider services)
    {
        try
        {
            return services.GetRequiredService<IOptions<TwilioApiOptions>>().Value.Describe();
        }
        catch (Exception ex) when (WrongSettings.Threw(ex))
        {
            return "Provider deletion and outbound texts: the Twilio settings are wrong (see the settings below).";
        }
    }

    /// <summary>In Development with no key set and no key file yet: what the start would do, since `check` does not do it.</summary>
    private static string? PrivacyKeyLine(IServiceProvider services)
    {
        try
        {
            var options = services.GetRequiredService<IOptions<SenderOptions>>().Value;
            return services.GetRequiredService<DevelopmentPrivacyKey>().FileTheStartCreates(options) is { } file
                ? $"Privacy key: TextLine:PrivacyKey is not set, and there is no {file} yet: the line's first start in Development " +
                  "creates one there and keeps using it (check creates nothing)."
                : null;
        }
        catch (Exception ex) when (WrongSettings.Threw(ex))
        {
            return null;
        }
    }

    private static async Task WriteChecklistAsync(TextWriter output, IReadOnlyList<Referral>? toVerify)
    {
        if (toVerify is null)
        {
            await output.WriteLineAsync("Pre-launch checklist: shown once the errors are fixed.");
        }
        else if (toVerify.Count == 0)
        {
            await output.WriteLineAsync("Pre-launch checklist: every referral is verified.");
        }
        else
        {
            await output.WriteLineAsync($"Pre-launch checklist: {Count(toVerify.Count, "referral")} marked verify_before_launch. Confirm each with the organisation, then set it to false:");
            foreach (var referral in toVerify)
            {
                await output.WriteLineAsync($"  [ ] {referral.Name} ({referral.Id}): {referral.ContactText()}");
                await output.WriteLineAsync($"      source: {referral.Source} (confidence: {referral.Confidence})");
            }
        }
        await output.WriteLineAsync();
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
