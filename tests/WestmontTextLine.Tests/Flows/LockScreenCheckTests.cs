using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;

namespace WestmontTextLine.Tests.Flows;

public class LockScreenCheckTests
{
    private static readonly SensitiveWords Words = new(["sex*", "prep", "hiv", "traffick*", "police", "victima*"]);

    private static IReadOnlyList<string> Shown(string reply) => LockScreenCheck.WordsShown(reply, Words);

    [Theory]
    [InlineData("PrEP is a pill that prevents HIV.", new[] { "PrEP", "HIV" })]
    [InlineData("Sexual health. Pick a topic:", new[] { "Sexual" })]    // a prefix form
    [InlineData("Trafficking. Pick a topic:", new[] { "Trafficking" })]
    [InlineData("Main menu.\n1 Police and your rights", new[] { "Police" })]
    [InlineData("Victimas de trata: llama al 911", new[] { "Victimas" })]
    [InlineData("Víctimas de trata: llama al 911", new[] { "Víctimas" })] // matched without its accent
    public void A_sensitive_word_in_the_first_40_characters_is_shown_as_written(string reply, string[] expected) =>
        Assert.Equal(expected, Shown(reply));

    [Theory]
    [InlineData("Health and testing. Pick a topic:")]
    [InlineData("A pill can help prevent a virus. Ask about PrEP at the clinic.")] // PrEP starts after 40
    [InlineData("Preparing? No, prepared: HIVE, PREPS.")]                           // whole words only: no * on "prep"
    [InlineData("Policy: we keep nothing.")]
    public void Words_after_the_first_40_characters_or_only_alike_are_not(string reply) =>
        Assert.Empty(Shown(reply));

    [Theory]
    [InlineData("What to know and who to call on traffick", true)]      // "traffick" is cut at 40 but gives itself away
    [InlineData("What to know, and who to call, about tra", false)]     // three letters say nothing
    public void A_word_cut_by_the_edge_counts_when_enough_of_it_shows(string start, bool shows)
    {
        var reply = start + "ing and how to report it.";

        Assert.Equal(shows, Shown(reply).Count > 0);
    }

    [Theory]
    [InlineData("sex*", null)]
    [InlineData("PrEP", null)]
    [InlineData("s*", "'s*' is too short to end with *: give at least 3 letters before it")]
    [InlineData("sex work", "'sex work' must be one word (a * may end it, to match any ending)")]
    [InlineData("se*x", "'se*x' must be one word (a * may end it, to match any ending)")]
    [InlineData("***", "'***' has no letters")]
    public void A_sensitive_word_entry_is_one_word_or_a_prefix(string entry, string? problem) =>
        Assert.Equal(problem, SensitiveWords.ProblemWith(entry));
}
