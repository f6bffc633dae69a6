using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Engine;

public class MenuNavigationTests
{
    private readonly EngineHarness _line = new();

    [Fact]
    public void A_first_text_gets_the_welcome_and_the_main_menu()
    {
        var reply = _line.Text("hey there");

        Assert.Equal(_line.English.WelcomeReply, reply);
        Assert.Contains("Reply STOP to end, HELP for help", reply);
        Assert.Contains("Msg&data rates may apply", reply);
        Assert.Equal("main", _line.Session!.Node);
    }

    [Fact]
    public void Digits_walk_down_the_menu_to_an_answer()
    {
        _line.Text("hello there");

        Assert.Equal(_line.English.Nodes["health"].Reply, _line.Text("3"));
        Assert.Equal("health", _line.Session!.Node);
        var answer = _line.Text("1");
        Assert.Equal("health_testing", _line.Session!.Node);
        Assert.Equal(MenuReplies.After(3, 1), answer);
    }

    [Fact]
    public void Back_goes_up_one_level_and_menu_or_zero_go_home()
    {
        _line.Text("hello there");
        _line.Text("3");
        _line.Text("1");

        Assert.Equal(_line.English.Nodes["health"].Reply, _line.Text("back"));
        Assert.Equal("health", _line.Session!.Node);
        Assert.Equal(_line.English.Nodes["main"].Reply, _line.Text("BACK"));
        Assert.Equal(_line.English.Nodes["main"].Reply, _line.Text("back"));
        _line.Text("2");
        Assert.Equal(_line.English.Nodes["main"].Reply, _line.Text("0"));
        _line.Text("2");
        Assert.Equal(_line.English.Nodes["main"].Reply, _line.Text(" Menu "));
        Assert.Equal("main", _line.Session!.Node);
    }

    [Fact]
    public void Unknown_input_repeats_the_current_menu_with_a_short_line()
    {
        _line.Text("hello there");
        _line.Text("3");

        var reply = _line.Text("purple monkey");

        Assert.StartsWith(_line.English.Messages.NotUnderstood + "\n", reply);
        Assert.EndsWith(_line.English.Nodes["health"].Reply, reply);
        Assert.Equal("health", _line.Session!.Node);
        Assert.True(_line.Last!.Event.NotUnderstood);
    }

    [Fact]
    public void A_digit_with_no_option_is_not_understood()
    {
        _line.Text("hello there");
        _line.Text("3");

        Assert.Equal(_line.English.Nodes["health"].NotUnderstoodReply, _line.Text("9"));
        Assert.Equal("health", _line.Session!.Node);
    }

    [Fact]
    public void Unknown_input_on_an_answer_shows_the_menu_above_and_the_next_digit_applies_there()
    {
        _line.Text("hello there");
        _line.Text("3");
        _line.Text("1");

        var reply = _line.Text("5");

        Assert.EndsWith(_line.English.Nodes["health"].Reply, reply);
        Assert.Equal("health", _line.Session!.Node);
        _line.Text("2");
        Assert.Equal("health_prep", _line.Session!.Node);
    }

    [Fact]
    public void A_repeated_message_sid_gets_the_same_reply_and_does_not_move_the_menu()
    {
        _line.Text("hello there");
        var first = _line.Text("3", "SMretry");
        var again = _line.Text("3", "SMretry");

        Assert.Equal(first, again);
        Assert.True(_line.Last!.Event.Duplicate);
        Assert.Equal("health", _line.Session!.Node);
    }

    [Fact]
    public void Every_node_is_reachable_through_the_machine_by_digits()
    {
        foreach (var node in _line.English.Nodes.Values.Where(n => n.Parent is not null))
        {
            var path = new Stack<int>();
            for (var current = node; current.Parent is not null; current = _line.English.Nodes[current.Parent])
            {
                path.Push(_line.English.Nodes[current.Parent].Options.ToList().IndexOf(current.Id) + 1);
            }
            var harness = new EngineHarness();
            harness.Text("hello there");
            foreach (var digit in path) harness.Text(digit.ToString());
            Assert.Equal(node.Id, harness.Session!.Node);
            Assert.Equal(node.Reply, harness.Last!.Reply);
        }
    }
}
