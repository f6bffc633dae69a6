using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Flows;

public class FlowLoaderTests
{
    [Fact]
    public void The_repo_flows_load_without_errors()
    {
        var result = FlowLoader.Load(RepoPaths.Flows);

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Flow);
        Assert.Equal(["en", "es"], result.Flow.Languages.Keys.Order());
    }

    private static string[] BrokenFlowNames() =>
        [.. Directory.GetDirectories(RepoPaths.BrokenFlows).Select(d => Path.GetFileName(d)!).Order()];

    public static TheoryData<string> BrokenFlows() => [.. BrokenFlowNames()];

    [Theory]
    [MemberData(nameof(BrokenFlows))]
    public void A_broken_flow_fails_with_its_exact_error(string name)
    {
        var folder = Path.Combine(RepoPaths.BrokenFlows, name);
        var expected = File.ReadAllText(Path.Combine(folder, "expected.txt")).Trim();

        var result = FlowLoader.Load(folder);
        // The line's own load at start skips the checks that only warn: it must still fail the same way.
        var errorsOnly = FlowLoader.Load(folder, warnings: false);

        Assert.Null(result.Flow);
        Assert.Equal(expected, string.Join("\n", result.Errors));
        Assert.Null(errorsOnly.Flow);
        Assert.Equal(expected, string.Join("\n", errorsOnly.Errors));
    }

    [Fact]
    public void A_load_for_the_errors_only_builds_the_same_flow_and_leaves_out_only_warnings()
    {
        var full = FlowLoader.Load(RepoPaths.Flows);
        var errorsOnly = FlowLoader.Load(RepoPaths.Flows, warnings: false);

        Assert.NotNull(errorsOnly.Flow);
        Assert.Equal(full.Flow!.Languages.Keys.Order(), errorsOnly.Flow.Languages.Keys.Order());
        Assert.Equal(full.Flow.Languages["en"].Messages.Welcome, errorsOnly.Flow.Languages["en"].Messages.Welcome);
        Assert.Subset(full.Problems.ToHashSet(), errorsOnly.Problems.ToHashSet());
        Assert.All(full.Problems.Except(errorsOnly.Problems), problem => Assert.Equal(Severity.Warning, problem.Severity));
        Assert.Contains(full.Problems, problem => problem.Message.Contains("Fern", StringComparison.Ordinal));
        Assert.DoesNotContain(errorsOnly.Problems, problem => problem.Message.Contains("Fern", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_broken_flow_case_has_an_expected_error()
    {
        Assert.True(BrokenFlowNames().Length >= 8);
        foreach (var folder in Directory.GetDirectories(RepoPaths.BrokenFlows))
        {
            Assert.True(File.Exists(Path.Combine(folder, "expected.txt")), folder);
        }
    }

    [Fact]
    public void A_problem_with_a_referral_or_a_node_names_its_line()
    {
        var folder = Directory.CreateTempSubdirectory("flows-lines-").FullName;
        try
        {
            foreach (var file in Directory.GetFiles(RepoPaths.Flows)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            var referrals = Path.Combine(folder, FlowLoader.ReferralsFile);
            var lines = File.ReadAllLines(referrals).ToList();
            var at = lines.IndexOf("referrals:") + 1;
            lines.InsertRange(at, ["  unused_one:", "    name: Unused", "    label:", "      en: \"Unused\"", "      es: \"Unused\"", "    website: example.org", "    source: test",
                "    confidence: high", "    verify_before_launch: true", ""]);
            File.WriteAllLines(referrals, lines);

            var warnings = FlowLoader.Load(folder).Warnings.Select(w => w.Message).ToList();

            var name = Path.GetFileName(folder);
            Assert.Contains($"{name}/referrals.yaml: line {at + 1}: referral 'unused_one' is not used by any node; "
                + "name it in an answer (referrals: [unused_one] or {ref:unused_one}) or remove it", warnings);
            var safetyHurt = File.ReadAllLines(Path.Combine(folder, "en.yaml")).ToList().IndexOf("  safety_hurt:") + 1;
            Assert.Contains(warnings, w => w.StartsWith($"{name}/en.yaml: line {safetyHurt}: node 'safety_hurt'", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_missing_folder_is_reported_not_thrown()
    {
        var result = FlowLoader.Load(Path.Combine(Path.GetTempPath(), "no-such-flows-" + Guid.NewGuid()));

        Assert.Null(result.Flow);
        Assert.Contains("folder not found", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void Referral_numbers_are_rendered_from_the_directory_not_the_text()
    {
        var flow = FlowLoader.Load(RepoPaths.Flows).FlowOrThrow();

        Assert.Contains("1-888-373-7888", flow.Default.Messages.Emergency);
        Assert.Contains("233733", flow.Default.Messages.Emergency);
        Assert.Contains("911", flow.Default.Messages.Emergency);
    }
}
