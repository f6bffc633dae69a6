using WestmontTextLine.Flows;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Engine;

/// <summary>
/// Twilio's Advanced Opt-Out answers STOP, START and HELP itself and says so in OptOutType: the line records what the
/// carrier did and adds no second text to a phone someone else may be reading.
/// </summary>
public sealed class CarrierOptOutTypeTests
{
    [Fact]
    public void A_carrier_STOP_is_recorded_with_no_second_confirmation_and_every_later_STOP_is_silent()
    {
        var line = new EngineHarness();
        line.Text("hi");

        Assert.Null(line.CarrierText("Stop", "STOP"));
        Assert.True(line.Session!.OptedOut);
        Assert.Equal(KeywordAction.Stop, line.Last!.Event.Keyword);

        Assert.Null(line.CarrierText("STOP", "STOP"));
        Assert.Equal(KeywordAction.None, line.Last!.Event.Keyword);
        Assert.Null(line.Text("STOP"));
        Assert.Null(line.Text("menu"));
        Assert.True(line.Session!.OptedOut);
    }

    [Fact]
    public void A_carrier_STOP_counts_whatever_the_body_says()
    {
        var line = new EngineHarness();

        Assert.Null(line.CarrierText("arret", "STOP"));

        Assert.True(line.Session!.OptedOut);
    }

    [Fact]
    public void A_carrier_START_opts_in_and_shows_the_menu_without_a_second_confirmation()
    {
        var line = new EngineHarness();
        line.Text("STOP");

        var reply = line.CarrierText("unstop", "START");

        Assert.False(line.Session!.OptedOut);
        Assert.Equal(line.English.StartNode.Reply, reply);
    }

    [Fact]
    public void A_typed_START_after_a_carrier_STOP_confirms_the_opt_in()
    {
        var line = new EngineHarness();
        line.CarrierText("STOP", "STOP");

        var reply = line.Text("START");

        Assert.False(line.Session!.OptedOut);
        Assert.Equal(line.English.StartReply, reply);
    }

    [Fact]
    public void A_carrier_HELP_is_left_to_the_carrier_and_moves_nothing()
    {
        var line = new EngineHarness();
        line.Text("hi");
        line.Text("3");
        var node = line.Session!.Node;

        Assert.Null(line.CarrierText("HELP", "HELP"));

        Assert.Equal(node, line.Session!.Node);
        Assert.False(line.Session.OptedOut);
    }
}
