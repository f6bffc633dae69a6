using WestmontTextLine.Flows;
using WestmontTextLine.Reading;
using WestmontTextLine.Tests.Support;
using WestmontTextLine.Flows.Checks;

namespace WestmontTextLine.Tests.Flows;

/// <summary>The reading-level check on reading-level-flow/, whose two answers read at very different levels.</summary>
public class ReadingLevelCheckTests
{
    private static readonly string Folder = Path.Combine(RepoPaths.TestData, "Flows", "reading-level-flow");

    [Fact]
    public void An_answer_beyond_the_limit_is_a_warning_with_its_score_and_the_line_still_loads()
    {
        var result = FlowLoader.Load(Folder);

        Assert.NotNull(result.Flow);
        Assert.Empty(result.Errors);
        Assert.Equal(
            [
                "warning: reading-level-flow/en.yaml: line 81: node 'hard': Flesch-Kincaid grade 42.1, above the limit of 8 (max_grade); shorter sentences and shorter words lower it",
                "warning: reading-level-flow/es.yaml: line 81: node 'hard': Fernández-Huerta reading ease -40.4, below the limit of 70 (min_ease); shorter sentences and shorter words raise it",
            ],
            result.Warnings.Select(w => w.ToString()));
    }

    [Fact]
    public void Answers_are_scored_on_their_own_words_and_menus_are_not_scored()
    {
        var english = FlowLoader.Load(Folder).FlowOrThrow().Languages["en"];

        var scores = ReadingLevelCheck.ScoresOf(english);

        Assert.Equal(["easy", "hard"], scores.Select(s => s.Node));
        // Without the {ref:hotline} placeholder, the referral line under the text and the footer.
        Assert.Equal(ReadingFormula.FleschKincaidGrade.Score("Call the line. It is free. Call any time."), scores[0].Score);
    }

    [Fact]
    public void The_repo_flows_set_a_limit_in_each_language()
    {
        var flow = EngineHarness.Flow;

        Assert.Equal(ReadingFormula.FleschKincaidGrade, flow.Languages["en"].ReadingLimit!.Formula);
        Assert.Equal(ReadingFormula.FernandezHuertaEase, flow.Languages["es"].ReadingLimit!.Formula);
    }
}
