using WestmontTextLine.Flows;

namespace WestmontTextLine.Tests.Flows;

public class ReferralPlaceholdersTests
{
    [Theory]
    [InlineData("Call {ref:hotline} or {ref:clinic}.", "hotline|clinic", "Call <hotline> or <clinic>.")]
    [InlineData("No placeholder here.", "", "No placeholder here.")]
    [InlineData("{ref:}", "", "<>")]                                        // an empty id is still a placeholder
    [InlineData("Open {ref:hotline with no end", "", "Open {ref:hotline with no end")] // no "}": plain text
    [InlineData("{ref:{ref:inner} after}", "{ref:inner", "<{ref:inner> after}")]  // up to the first "}"
    [InlineData("a\n{ref:x\ny}b", "x\ny", "a\n<x\ny>b")]                     // an id may span lines, as the pattern's [^}]*
    public void A_placeholder_runs_from_ref_to_the_next_closing_brace(string text, string ids, string rendered)
    {
        Assert.Equal(ids, string.Join('|', ReferralPlaceholders.IdsIn(text)));
        Assert.Equal(rendered, ReferralPlaceholders.Replace(text, id => $"<{id}>"));
        Assert.Equal(ReferralPlaceholders.Replace(text, _ => ""), ReferralPlaceholders.Without(text));
    }
}
