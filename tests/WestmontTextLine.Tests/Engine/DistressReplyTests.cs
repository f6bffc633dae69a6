using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Engine;

/// <summary>What the engine does with distress in a texter's own words.</summary>
public class DistressReplyTests
{
    private readonly EngineHarness _line = new();

    [Fact]
    public void Distress_gets_the_emergency_reply_and_the_texter_keeps_her_place()
    {
        _line.Text("hello");
        _line.Text("3");

        Assert.Equal(_line.English.Messages.Emergency, _line.Text("he took my phone"));
        Assert.Equal(KeywordAction.Emergency, _line.Last!.Event.Keyword);
        Assert.Equal("health", _line.Session!.Node);
        Assert.Equal(_line.English.Nodes["health_testing"].Reply, _line.Text("1"));
    }

    [Fact]
    public void A_first_text_in_distress_gets_the_emergency_reply_at_once()
    {
        Assert.Equal(_line.English.Messages.Emergency, _line.Text("please help im scared"));
        Assert.Equal(KeywordAction.Emergency, _line.Last!.Event.Keyword);
        Assert.True(_line.Last.Event.NewConversation);
    }

    [Fact]
    public void Spanish_distress_is_answered_in_spanish_even_as_a_first_text()
    {
        Assert.Equal(_line.Spanish.Messages.Emergency, _line.Text("tengo miedo"));
        Assert.Equal("es", _line.Session!.Language);
    }

    [Fact]
    public void Spanish_distress_in_an_english_conversation_is_answered_in_spanish_where_she_was()
    {
        _line.Text("hello");
        _line.Text("2");

        Assert.Equal(_line.Spanish.Messages.Emergency, _line.Text("no me deja salir"));
        Assert.Equal("safety", _line.Session!.Node);
        Assert.Equal(_line.Spanish.Nodes["safety_buddy"].Reply, _line.Text("1"));
    }

    [Fact]
    public void Plain_help_is_still_the_help_reply_and_help_please_is_the_emergency_reply()
    {
        _line.Text("hello");

        Assert.Equal(_line.English.Messages.Help, _line.Text("HELP"));
        Assert.Equal(KeywordAction.Help, _line.Last!.Event.Keyword);
        Assert.Equal(_line.English.Messages.Emergency, _line.Text("help please"));
    }

    [Fact]
    public void Plain_ayuda_is_still_the_help_reply_and_ayuda_por_favor_is_the_emergency_reply()
    {
        _line.Text("hola");

        Assert.Equal(_line.Spanish.Messages.Help, _line.Text("AYUDA"));
        Assert.Equal(_line.Spanish.Messages.Emergency, _line.Text("ayuda por favor"));
    }

    [Fact]
    public void A_text_that_is_only_a_topic_word_gets_its_topic_even_when_the_word_is_on_a_distress_list()
    {
        var overdoseNodes = _line.English.Topics.Single(t => t.Phrase == "OVERDOSE").Nodes;
        _line.Text("hello");

        Assert.NotEqual(_line.English.Messages.Emergency, _line.Text("overdose"));
        Assert.Contains(_line.Session!.Node, overdoseNodes);
        Assert.Equal(_line.English.Messages.Emergency, _line.Text("my friend overdosed"));
    }

    [Theory]
    [InlineData("help meeee")]
    [InlineData("im so scaaaared")]
    [InlineData("pleeease help")]
    [InlineData("hes hurtin me")]
    [InlineData("🆘")]
    public void Stretched_letters_a_dropped_g_and_the_sos_emoji_get_the_emergency_reply(string text)
    {
        Assert.Equal(_line.English.Messages.Emergency, _line.Text(text));
        Assert.Equal(_line.English.Messages.Emergency, _line.Text(text));
    }

    [Fact]
    public void A_stretched_not_in_danger_still_says_nobody_is_in_danger()
    {
        _line.Text("hello");

        Assert.NotEqual(_line.English.Messages.Emergency, _line.Text("im not in dangerrr just want testing"));
        Assert.Equal("health_testing", _line.Session!.Node);
    }
}
