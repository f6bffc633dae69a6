using WestmontTextLine.Cli;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Cli;

public class CheckCommandTests
{
    /// <summary>
    /// `check` as CI and `dotnet run` run it, in Development (the launch profile's environment), where the repo's own
    /// settings start the line; <see cref="CheckSettingsTests"/> checks settings for Production.
    /// </summary>
    private static Task<CliRun> Check(string[] args) => CliRun.RunAsync(["check", .. args, "--environment", "Development"]);

    [Fact]
    public async Task The_repo_flows_pass_with_their_warnings_and_the_pre_launch_checklist()
    {
        var run = await Check([]);
        var loaded = FlowLoader.Load(RepoPaths.Flows);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains($"Checking the flows in {RepoPaths.Flows}", run.Output);
        foreach (var warning in loaded.Warnings) Assert.Contains(warning.ToString(), run.OutputLines);
        Assert.DoesNotContain(run.OutputLines, line => line.StartsWith("error:", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("  en, Flesch-Kincaid grade (limit: max_grade ", StringComparison.Ordinal));
        Assert.Contains(run.OutputLines, line => line.StartsWith("  es, Fernández-Huerta reading ease (limit: min_ease ", StringComparison.Ordinal));

        var referrals = loaded.FlowOrThrow().Referrals.Values.ToList();
        Assert.Contains(referrals, r => r.VerifyBeforeLaunch);
        Assert.Contains(referrals, r => !r.VerifyBeforeLaunch);
        foreach (var referral in referrals)
        {
            var item = $"  [ ] {referral.Name} ({referral.Id}): ";
            if (!referral.VerifyBeforeLaunch)
            {
                Assert.DoesNotContain(run.OutputLines, line => line.StartsWith(item, StringComparison.Ordinal));
                continue;
            }
            var at = Array.FindIndex(run.OutputLines, line => line.StartsWith(item, StringComparison.Ordinal));
            Assert.True(at >= 0, $"{referral.Id} is not on the checklist:\n{run.Output}");
            if (referral.Phone is not null) Assert.Contains(referral.Phone, run.OutputLines[at]);
            Assert.Equal($"      source: {referral.Source} (confidence: {referral.Confidence})", run.OutputLines[at + 1]);
        }

        var toVerify = referrals.Count(r => r.VerifyBeforeLaunch);
        Assert.Contains(
            $"Summary: 0 errors, {Count(loaded.Warnings.Count(), "warning")}, {Count(toVerify, "referral")} to verify before launch. The line will start with these flows.",
            run.OutputLines);
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    [Fact]
    public async Task Check_sums_up_how_hard_the_answers_are_to_read_in_each_language()
    {
        var folder = Path.Combine(RepoPaths.TestData, "Flows", "reading-level-flow");

        var run = await Check(["--flows", folder]);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        var at = Array.IndexOf(run.OutputLines, "Reading level of the answers:");
        Assert.True(at >= 0, run.Output);
        Assert.Equal("  en, Flesch-Kincaid grade (limit: max_grade 8): median 19.8; hardest: hard 42.1, easy -2.6", run.OutputLines[at + 1]);
        Assert.Equal("  es, Fernández-Huerta reading ease (limit: min_ease 70): median 30.5; hardest: hard -40.4, easy 101.4", run.OutputLines[at + 2]);
        Assert.Contains("Summary: 0 errors, 2 warnings, 0 referrals to verify before launch. The line will start with these flows.", run.OutputLines);
    }

    [Fact]
    public async Task Check_for_launch_gives_the_same_report_and_fails_while_a_referral_is_still_to_verify()
    {
        var plain = await Check([]);
        var toVerify = FlowLoader.Load(RepoPaths.Flows).FlowOrThrow().Referrals.Values.Count(r => r.VerifyBeforeLaunch);

        var launch = await Check(["--launch"]);

        Assert.Equal(CliCommand.Ok, plain.ExitCode);
        Assert.True(launch.ExitCode == CliCommand.Failed, launch.ToString());
        Assert.StartsWith(plain.Output, launch.Output);
        Assert.Equal(
            $"Launch check: not ready, {Count(toVerify, "referral")} still to verify (see the checklist above).",
            launch.OutputLines.Last(l => l.Length > 0));
        Assert.DoesNotContain("Launch check", plain.Output);
    }

    [Fact]
    public async Task Check_for_launch_passes_when_every_referral_is_verified()
    {
        var run = await Check(["--launch", "--flows", Path.Combine(RepoPaths.TestData, "Flows", "reading-level-flow")]);

        Assert.True(run.ExitCode == CliCommand.Ok, run.ToString());
        Assert.Contains("Pre-launch checklist: every referral is verified.", run.OutputLines);
        Assert.Equal("Launch check: ready, every referral is verified.", run.OutputLines.Last(l => l.Length > 0));
    }

    [Fact]
    public async Task Check_for_launch_fails_on_a_broken_flow_as_plain_check_does()
    {
        var run = await Check(["--launch", "--flows", Path.Combine(RepoPaths.BrokenFlows, "curly-quote")]);

        Assert.Equal(CliCommand.Failed, run.ExitCode);
        Assert.DoesNotContain("Launch check", run.Output);
    }

    public static TheoryData<string> BrokenFlows() =>
        [.. Directory.GetDirectories(RepoPaths.BrokenFlows).Select(d => Path.GetFileName(d)!).Order()];

    [Theory]
    [MemberData(nameof(BrokenFlows))]
    public async Task A_broken_flow_fails_with_its_exact_error(string name)
    {
        var folder = Path.Combine(RepoPaths.BrokenFlows, name);
        var expected = File.ReadAllLines(Path.Combine(folder, "expected.txt")).Where(l => l.Length > 0).ToList();

        var run = await Check(["--flows", folder]);

        Assert.True(run.ExitCode == CliCommand.Failed, run.ToString());
        Assert.Equal(expected, run.OutputLines.Where(l => l.StartsWith("error:", StringComparison.Ordinal)));
        Assert.Contains("Pre-launch checklist: shown once the errors are fixed.", run.OutputLines);
        Assert.Contains($"Summary: {Count(expected.Count, "error")}, 0 warnings. The line will not start until the errors are fixed.", run.OutputLines);
    }

    [Fact]
    public async Task The_flows_path_setting_is_honoured_relative_to_the_repo_root()
    {
        var relative = Path.GetRelativePath(RepoPaths.Root, Path.Combine(RepoPaths.BrokenFlows, "curly-quote"));

        var run = await Check(["--TextLine:FlowsPath", relative]);

        Assert.Equal(CliCommand.Failed, run.ExitCode);
        Assert.Contains("error: curly-quote/en.yaml: line 76: node 'health': character '’' (U+2019) is not GSM-7; write \"'\" instead", run.OutputLines);
    }

    [Fact]
    public async Task A_missing_flows_folder_is_an_error_not_a_crash()
    {
        var run = await Check(["--flows", Path.Combine(Path.GetTempPath(), "no-flows-" + Guid.NewGuid())]);

        Assert.Equal(CliCommand.Failed, run.ExitCode);
        // Refused with the other settings, naming the setting; the flows are not read.
        Assert.Contains(run.OutputLines, line => line.StartsWith("error: TextLine:FlowsPath: folder not found", StringComparison.Ordinal));
        Assert.Contains("The flows were not checked", run.Output);
        Assert.Contains("The line will not start until the errors are fixed.", run.Output);
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error()
    {
        var run = await Check(["--lnag", "es"]);

        Assert.Equal(CliCommand.UsageError, run.ExitCode);
        Assert.Contains("'check' has no option --lnag", run.Error);
        Assert.Contains("usage: dotnet run --project src/WestmontTextLine -- <verb>", run.Error);
    }
}
