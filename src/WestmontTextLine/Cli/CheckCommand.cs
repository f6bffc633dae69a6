using WestmontTextLine.Outbound;
using Microsoft.Extensions.Options;
using WestmontTextLine.Engine;
using WestmontTextLine.Flows;
using WestmontTextLine.Reading;
using WestmontTextLine.Flows.Checks;
using WestmontTextLine.Settings;

namespace WestmontTextLine.Cli;

/// <summary>
/// `check`: the loader's own validation, the one the server runs at start, as a report an editor can act on:
/// errors, warnings, how hard the answers are to read, the referrals still to verify before launch, and a summary.
/// Non-zero exit on any error; with --launch, also while any referral is still to verify.
/// </summary>
public static class CheckCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, CliConsole console, bool forLaunch = false)
    {
        var options = services.GetRequiredService<IOptions<TextLineOptions>>().Value;
        var folder = services.GetRequiredService<AppRoot>().Resolve(options.FlowsPath);
        var result = FlowLoader.Load(folder);
        var output = console.Output;

        await output.WriteLineAsync($"Checking the flows in {folder}");
        await output.WriteLineAsync();
        foreach (var problem in result.Errors.Concat(result.Warnings)) await output.WriteLineAsync(problem.ToString());
        if (result.Problems.Count == 0) await output.WriteLineAsync("No errors or warnings.");
        await output.WriteLineAsync();
        if (result.Flow is not null) await WriteReadingLevelsAsync(output, result.Flow);

        var toVerify = result.Flow?.Referrals.Values.Where(r => r.VerifyBeforeLaunch).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        await WriteChecklistAsync(output, toVerify);
        await output.WriteLineAsync(ProviderLine(services));
        await output.WriteLineAsync();

        var errors = result.Errors.Count();
        var summary = $"Summary: {Count(errors, "error")}, {Count(result.Warnings.Count(), "warning")}";
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
        catch (OptionsValidationException ex)
        {
            return "Provider settings are wrong: " + string.Join(" ", ex.Failures);
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
