using WestmontTextLine.Flows;
using WestmontTextLine.Flows.Checks;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>How a texter asks for a person, as the engine reads the flow files: the talk keyword, the menu option, her own words.</summary>
public sealed class TalkWordsTests
{
    [Theory]
    [InlineData("TALK")]
    [InlineData("talk")]
    [InlineData(" Talk. ")]
    [InlineData("human")]
    [InlineData("can I talk to someone")]
    [InlineData("Can I talk to someone please?")]
    [InlineData("real person")]
    [InlineData("are you a real person")]
    [InlineData("talk to a human")]
    [InlineData("I want to speak to someone")]
    public void English_ways_of_asking_lead_to_the_talk_node(string text)
    {
        var line = new EngineHarness();
        line.Text("hi");

        line.Text(text);

        Assert.Equal(Flow.TalkNode, line.Last!.Event.NodeShown);
        Assert.Equal("en", line.Session!.Language);
    }

    [Theory]
    [InlineData("HABLAR")]
    [InlineData("hablar con alguien")]
    [InlineData("quiero hablar con una persona")]
    [InlineData("persona real")]
    public void Spanish_ways_of_asking_lead_there_in_spanish(string text)
    {
        var line = new EngineHarness();

        line.Text(text);

        Assert.Equal(Flow.TalkNode, line.Last!.Event.NodeShown);
        Assert.Equal("es", line.Session!.Language);
    }

    [Fact]
    public void The_main_menu_offers_talk_to_a_person_as_its_last_option_in_both_languages()
    {
        var line = new EngineHarness();
        Assert.Contains("8 Talk to a person", line.Text("hi"));

        line.Text("8");

        Assert.Equal(Flow.TalkNode, line.Last!.Event.NodeShown);
        Assert.Contains("8 Hablar con alguien", MenuReplies.In("es"));
    }

    [Theory]
    [InlineData("talking points")]
    [InlineData("I talked to the police")]
    public void Other_words_do_not(string text)
    {
        var line = new EngineHarness();
        line.Text("hi");

        line.Text(text);

        Assert.NotEqual(Flow.TalkNode, line.Last!.Event.NodeShown);
    }

    [Fact]
    public void Asking_with_a_topic_offers_both()
    {
        var line = new EngineHarness();
        line.Text("hi");

        var reply = line.Text("can I talk to someone about my record");

        Assert.Contains("1 Talk to a person", reply);
        Assert.Contains("Clearing your record", reply);
    }

    [Fact]
    public void Distress_while_asking_is_an_emergency_first()
    {
        var line = new EngineHarness();

        Assert.Equal(line.English.Messages.Emergency, line.Text("I need help, can I talk to someone"));
    }

    [Fact]
    public void The_answers_she_reads_are_remembered_most_recent_last_and_a_new_visit_starts_without_them()
    {
        var line = new EngineHarness();
        line.Text("hi");
        foreach (var text in new[] { "3", "1", "BACK", "2", "BACK", "3", "BACK", "1", "0", "5", "3" }) line.Text(text);

        Assert.Equal(["health_clinics", "health_testing", "traf_minors"], line.Session!.RecentAnswerList);

        line.Now += TimeSpan.FromHours(1);
        line.Text("hi");
        Assert.Empty(line.Session!.RecentAnswerList);
    }

    [Fact]
    public void Each_language_names_seven_days_for_when_staff_are_next_in()
    {
        foreach (var language in EngineHarness.Flow.Languages.Values)
        {
            Assert.Equal(TalkNodeCheck.DaysInAWeek, TalkNodeCheck.DayNames(language.Messages.HandoffDays).Count);
        }
    }
}
