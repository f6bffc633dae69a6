using WestmontTextLine.Tests.Support;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

/// <summary>Phrases that say nobody is in danger: masked, whole words only, in order, and nothing else in the text.</summary>
public class NotDistressPhrasesTests
{
    private static readonly NotDistressPhrases Phrases = new(["not in danger", "no tengo miedo", "test hurt"]);

    [Theory]
    [InlineData("I AM NOT IN DANGER", "I AM ~~~ ~~ ~~~~~~")]
    [InlineData("NOT IN DANGER BUT HE HIT ME", "~~~ ~~ ~~~~~~ BUT HE HIT ME")]
    [InlineData("NO TENGO MIEDO PERO ME PEGA", "~~ ~~~~~ ~~~~~ PERO ME PEGA")]
    [InlineData("DOES THE HIV TEST HURT", "DOES THE HIV ~~~~ ~~~~")]
    [InlineData("NOT IN DANGER NOT IN DANGER", "~~~ ~~ ~~~~~~ ~~~ ~~ ~~~~~~")]
    public void Each_phrase_found_is_masked_and_the_rest_is_kept(string text, string masked) =>
        Assert.Equal(masked, Phrases.Masked(text));

    [Theory]
    [InlineData("IM IN DANGER")]
    [InlineData("NOT SURE IF IM IN DANGER")]
    [InlineData("KNOT IN DANGER")]
    [InlineData("NOT IN DANGERS")]
    [InlineData("IN DANGER NOT")]
    [InlineData("")]
    public void A_text_without_a_whole_phrase_is_the_same_string(string text) =>
        Assert.Same(text, Phrases.Masked(text));

    [Fact]
    public void A_phrase_of_one_word_is_never_used()
    {
        var phrases = new NotDistressPhrases(["danger", "not in danger"]);

        Assert.Equal(1, phrases.Count);
        Assert.Equal("DANGER", phrases.Masked("DANGER"));
    }

    [Theory]
    [InlineData("en", "i am not in danger, just asking about testing")]
    [InlineData("en", "does the hiv test hurt")]
    [InlineData("en", "this is not an emergency")]
    [InlineData("es", "no estoy en peligro")]
    [InlineData("es", "no tengo miedo")]
    public void The_flows_own_lists_take_the_danger_out_of_these(string language, string text)
    {
        var masked = EngineHarness.Flow.NotDistress.Masked(InputText.Normalize(text));

        Assert.False(EngineHarness.Flow.Keywords.ContainsEmergency(masked));
        Assert.Null(EngineHarness.Flow.Languages[language].Distress.Match(masked));
    }

    [Theory]
    [InlineData("im not hurt but he has a gun")]
    [InlineData("please dont hurt me")]
    [InlineData("no one is hurt but im in danger")]
    [InlineData("im not safe")]
    [InlineData("i dont feel safe")]
    [InlineData("no estoy en peligro pero tengo miedo")]
    [InlineData("no me deja ir")]
    public void The_flows_own_lists_leave_danger_in_these(string text)
    {
        var masked = EngineHarness.Flow.NotDistress.Masked(InputText.Normalize(text));

        Assert.True(EngineHarness.Flow.Keywords.ContainsEmergency(masked)
            || EngineHarness.Flow.Languages.Values.Any(language => language.Distress.Match(masked) is not null), text);
    }
}
