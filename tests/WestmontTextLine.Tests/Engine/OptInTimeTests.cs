using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Engine;

/// <summary>
/// Her session records when the line last got an explicit opt-in of hers (a START word, or the carrier's
/// OptOutType=START), opted out at the time or not, and no other text moves it: a STOP kept on another instance's
/// disk gives way to that, never to any text of hers.
/// </summary>
public sealed class OptInTimeTests
{
    [Theory]
    [InlineData("START")]
    [InlineData("unstop")]
    [InlineData("yes")]
    public void A_start_word_records_when_she_opted_in_whether_she_was_opted_out_or_not(string start)
    {
        var line = new EngineHarness();
        line.Text("hi");
        line.Now = line.Now.AddMinutes(1);
        line.Text(start);
        Assert.Equal(line.Now, line.Session!.OptedInAt);

        line.Text("STOP");
        line.Now = line.Now.AddMinutes(1);
        line.Text(start);
        Assert.False(line.Session!.OptedOut);
        Assert.Equal(line.Now, line.Session.OptedInAt);
    }

    [Fact]
    public void The_carriers_opt_in_records_it_and_other_texts_keep_the_time_of_the_last_one()
    {
        var line = new EngineHarness();
        line.CarrierText("hello", "START");
        var optedIn = line.Now;

        foreach (var body in new[] { "menu", "1", "STOP", "menu", "HELP", "help me" })
        {
            line.Now = line.Now.AddMinutes(1);
            line.Text(body);
            Assert.Equal(optedIn, line.Session!.OptedInAt);
        }
    }

    [Fact]
    public void A_texter_who_never_opted_in_has_no_time_of_it()
    {
        var line = new EngineHarness();
        line.Text("hi");
        line.Text("STOP");

        Assert.Null(line.Session!.OptedInAt);
    }
}
