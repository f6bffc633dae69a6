using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Engine;

/// <summary>
/// The stats' START is "back after STOP" (README, Reading the stats): a START or YES from a texter who never opted out
/// shows the menu and is counted as the menu, so the count says how many came back, not how many typed a word.
/// </summary>
public sealed class StartCountTests
{
    [Theory]
    [InlineData("START")]
    [InlineData("yes")]
    public void A_start_word_in_a_conversation_shows_the_menu_and_is_not_counted_as_a_start(string word)
    {
        var line = new EngineHarness();
        line.Text("hi");
        line.Text("3");

        Assert.Equal(line.Text("menu"), line.Text(word));
        Assert.NotEqual(KeywordAction.Start, line.Last!.Event.Keyword);
    }

    [Fact]
    public void A_start_after_stop_is_counted_as_a_start()
    {
        var line = new EngineHarness();
        line.Text("hi");
        line.Text("STOP");

        Assert.NotNull(line.Text("START"));
        Assert.Equal(KeywordAction.Start, line.Last!.Event.Keyword);
        Assert.False(line.Session!.OptedOut);
    }
}
