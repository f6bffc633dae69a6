using System.Text.RegularExpressions;
using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Flows;

/// <summary>What a length warning tells an editor: what the count includes, and when a few more characters stop the line.</summary>
public class ReplyLengthCheckTests
{
    [Fact]
    public void A_reply_just_below_the_limit_says_what_counts_and_how_close_it_is()
    {
        var folder = Directory.CreateTempSubdirectory("flows-length-").FullName;
        try
        {
            var source = Path.Combine(RepoPaths.BrokenFlows, "over-long-answer");
            foreach (var file in Directory.GetFiles(source, "*.yaml")) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            // What the reply adds to the text (referral lines, footer), measured on a text long enough to be reported.
            WithHealthText(folder, new string('a', 400));
            var extra = ReportedLength(folder) - 400;
            Assert.True(extra > 0);

            WithHealthText(folder, new string('a', 340 - extra));
            var warning = Assert.Single(FlowLoader.Load(folder).Warnings, w => w.Message.Contains("node 'health'"));
            Assert.Contains("reply is 340 characters as sent (the text with its options or referral lines and the footer)", warning.Message);
            Assert.DoesNotContain("below the limit", warning.Message);

            WithHealthText(folder, new string('a', 455 - extra));
            var close = Assert.Single(FlowLoader.Load(folder).Warnings, w => w.Message.Contains("node 'health'"));
            Assert.EndsWith("aim for 2 (306); only 4 below the limit of 459, above which the line will not start", close.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void WithHealthText(string folder, string text)
    {
        var path = Path.Combine(folder, "en.yaml");
        File.WriteAllText(path, Regex.Replace(File.ReadAllText(path),
            "(  health:\n    label: \"Health\"\n    text: \")[^\"]*\"", m => m.Groups[1].Value + text + "\""));
    }

    private static int ReportedLength(string folder)
    {
        var problem = FlowLoader.Load(folder).Problems.First(p => p.Message.Contains("node 'health': reply is"));
        return int.Parse(Regex.Match(problem.Message, @"reply is (\d+) characters").Groups[1].Value);
    }
}
