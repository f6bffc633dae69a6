using WestmontTextLine.Engine;
using WestmontTextLine.Words;

namespace WestmontTextLine.Tests.Engine;

/// <summary>How the matcher reads a texter's words, on small lists made up for each case.</summary>
public class DistressMatcherTests
{
    private static DistressMatcher Matcher(params string[] phrases) => MatcherExempting([], phrases);

    private static DistressMatcher MatcherExempting(string[] exempt, params string[] phrases) => new(
        phrases.Select(p => DistressPhrase.Parse("test", p, out var problem) ?? throw new ArgumentException(problem)),
        exempt.Select(InputText.Normalize).ToHashSet());

    private static bool Finds(DistressMatcher matcher, string text) => matcher.Match(InputText.Normalize(text)) is not null;

    [Theory]
    [InlineData("he took my phone")]
    [InlineData("HE TOOK MY PHONE!!")]
    [InlineData("my phone, he took it")]          // any order
    [InlineData("he took away my phone")]         // a word between
    [InlineData("they took all my cell phone")]   // two words between
    [InlineData("ok so last night he took my phone and left")]
    public void A_phrase_is_found_in_any_order_with_words_around_and_between(string text) =>
        Assert.True(Finds(Matcher("took my phone"), text));

    [Theory]
    [InlineData("he took my old blue cell phone")] // three words between: too far apart to be one thought
    [InlineData("took it. my sister has a phone")]
    [InlineData("my phone")]
    public void A_phrase_is_not_found_when_a_word_is_missing_or_too_far(string text) =>
        Assert.False(Finds(Matcher("took my phone"), text));

    [Theory]
    [InlineData("he is hurting me")]
    [InlineData("he hurts me")]
    [InlineData("he hurt me")]
    [InlineData("she keeps hitting me")]
    [InlineData("he hits me")]
    [InlineData("they stabbed me")]
    [InlineData("he is choking me")]
    [InlineData("he choked me")]
    public void Other_endings_of_a_word_count(string text) =>
        Assert.True(Finds(Matcher("hurt/hit/stab/choke me"), text));

    [Theory]
    [InlineData("me pega", "pega")]
    [InlineData("me esta pegando", "pega")]
    [InlineData("mi novio me pego", "pega")]
    [InlineData("me golpearon", "golpea")]
    [InlineData("me estan golpeando", "golpea")]
    [InlineData("me quitaron el telefono", "quito telefono")]
    [InlineData("me quitó los teléfonos", "quito telefono")]
    public void Spanish_endings_count(string text, string phrase) =>
        Assert.True(Finds(Matcher(phrase.Contains(' ') ? phrase : "me " + phrase), text));

    [Theory]
    [InlineData("im scard")]        // a letter dropped
    [InlineData("so afriad")]       // two letters swapped
    [InlineData("terified")]
    [InlineData("scaredd")]         // a letter doubled
    [InlineData("he thretened me")] // the stems are a letter apart
    public void A_slip_of_one_letter_in_a_long_word_still_counts(string text) =>
        Assert.True(Finds(Matcher("scared", "afraid", "terrified", "threaten"), text));

    [Theory]
    [InlineData("he hot me")]       // "hit" is short: a slip there makes another word
    [InlineData("im scarrred")]     // two slips
    [InlineData("shared my location")]
    public void Short_words_and_two_slips_do_not_count(string text) =>
        Assert.False(Finds(Matcher("hit me", "scared"), text));

    [Theory]
    [InlineData("he won't let me leave")]
    [InlineData("he won’t let me leave")]
    [InlineData("he wont let me leave")]
    [InlineData("he dont let me leave")]
    public void Apostrophes_may_be_typed_or_not(string text) =>
        Assert.True(Finds(Matcher("wont/dont let me leave"), text));

    [Fact]
    public void Choices_with_a_slash_stand_for_one_word_each()
    {
        var matcher = Matcher("took/has my phone/passport");

        Assert.True(Finds(matcher, "he has my passport"));
        Assert.True(Finds(matcher, "took my phone"));
        Assert.False(Finds(matcher, "has my keys"));
    }

    [Theory]
    [InlineData("i was drugged", true)]
    [InlineData("I think someone DRUGGED my drink", true)]
    [InlineData("i got druged", true)]                        // a slip of one letter still counts
    [InlineData("what drugs are tested at the clinic", false)] // "drugs" shares the stem of "drugged"
    [InlineData("i use drugs", false)]
    [InlineData("me drogaron en una fiesta", true)]
    [InlineData("quiero dejar las drogas", false)]
    public void A_word_marked_as_written_is_not_found_by_its_stem(string text, bool found) =>
        Assert.Equal(found, Finds(Matcher("=drugged", "=drogaron"), text));

    [Fact]
    public void A_word_as_written_and_a_stem_mix_in_one_phrase()
    {
        var matcher = Matcher("=llamen/=llama policia");

        Assert.True(Finds(matcher, "llamen a la policia"));
        Assert.True(Finds(matcher, "llama a la policia ya"));
        Assert.True(Finds(matcher, "llama a las policias"));
        Assert.False(Finds(matcher, "si llamo a la policia me van a deportar"));
    }

    [Fact]
    public void A_text_that_is_exactly_a_topic_word_is_left_to_its_topic()
    {
        var matcher = MatcherExempting(["overdose", "not breathing"], "overdose", "not breathing");

        Assert.False(Finds(matcher, "overdose"));
        Assert.False(Finds(matcher, "Not breathing?"));
        Assert.True(Finds(matcher, "my friend overdosed"));
        Assert.True(Finds(matcher, "she is not breathing"));
    }

    [Fact]
    public void The_phrase_found_is_returned_with_its_category()
    {
        var found = Matcher("need help").Match(InputText.Normalize("i really need help"));

        Assert.NotNull(found);
        Assert.Equal("test", found.Category);
        Assert.Equal("need help", found.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("3")]
    [InlineData("0")]
    public void Empty_text_and_digits_are_not_distress(string text) =>
        Assert.False(Finds(Matcher("need help", "scared"), text));

    [Fact]
    public void A_very_long_text_is_read_to_its_end()
    {
        var text = string.Join(' ', Enumerable.Repeat("blah", 400)) + " he took my phone";

        Assert.True(Finds(Matcher("took my phone"), text));
    }

    [Theory]
    [InlineData("", "'' has no words")]
    [InlineData("hit//beat me", "'hit//beat me' has an empty alternative in 'hit//beat' (a / with nothing on one side, or no letters)")]
    [InlineData("hit-me", "'hit-me': 'hit-me' holds more than one word; put spaces between words and / between alternatives")]
    [InlineData("one two three four five six seven", "'one two three four five six seven' has 7 words; the most is 6")]
    [InlineData("3", "'3' is only numbers, which pick menu options")]
    [InlineData("=3", "'=3' is only numbers, which pick menu options")]
    [InlineData("=/hit me", "'=/hit me' has an empty alternative in '=/hit' (a / with nothing on one side, or no letters)")]
    public void A_phrase_the_matcher_cannot_use_says_why(string text, string expected)
    {
        Assert.Null(DistressPhrase.Parse("test", text, out var problem));
        Assert.Equal(expected, problem);
    }
}
