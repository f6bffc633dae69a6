using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;

namespace WestmontTextLine.Tests.Flows;

public sealed class TextRulesTests
{
    [Fact]
    public void Each_character_that_is_not_GSM_7_is_named_once_where_it_first_appears()
    {
        var problems = new List<FlowProblem>();
        TextRules.CheckSmsText("here", "It’s ok 💜 – it’s “fine” 💜 ’", problems);
        Assert.Equal(
        [
            "here: character '’' (U+2019) is not GSM-7; write \"'\" instead",
            "here: character '💜' (U+1F49C) is not GSM-7; leave it out, or write it in words",
            "here: character '–' (U+2013) is not GSM-7; write \"-\" instead",
            "here: character '“' (U+201C) is not GSM-7; write '\"' instead",
            "here: character '”' (U+201D) is not GSM-7; write '\"' instead",
        ], problems.Select(problem => problem.Message));
    }

    [Fact]
    public void A_text_in_GSM_7_has_no_problem()
    {
        var problems = new List<FlowProblem>();
        TextRules.CheckSmsText("here", "Reply 0 for menu. ¿Donde? señal, café, 24/7 @ 50%", problems);
        Assert.Empty(problems);
    }
}
