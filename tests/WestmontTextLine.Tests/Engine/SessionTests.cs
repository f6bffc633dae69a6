using WestmontTextLine.Sessions;

namespace WestmontTextLine.Tests.Engine;

public class SessionTests
{
    private static readonly Session Start = new("main", "en", DateTimeOffset.UnixEpoch);

    [Fact]
    public void Earlier_message_sids_keep_the_newest_ones_up_to_the_limit()
    {
        var session = Start;
        for (var i = 1; i <= 20; i++)
        {
            session = session with { EarlierMessageSids = session.EarlierMessageSidsAfterNewText(), LastMessageSid = $"SM{i}" };
        }

        Assert.True(session.HasAnswered("SM20"));
        for (var i = 20 - Session.EarlierMessageSidsKept; i < 20; i++) Assert.True(session.HasAnswered($"SM{i}"), $"SM{i}");
        Assert.False(session.HasAnswered($"SM{19 - Session.EarlierMessageSidsKept}"));
        Assert.Equal(Session.EarlierMessageSidsKept, session.EarlierMessageSids!.Split(' ').Length);
    }

    [Fact]
    public void A_sid_is_matched_whole_not_as_part_of_another()
    {
        var session = Start with { LastMessageSid = "SM3", EarlierMessageSids = "SM12 SM11" };

        Assert.False(session.HasAnswered("SM1"));
        Assert.False(session.HasAnswered("SM2"));
        Assert.True(session.HasAnswered("SM11"));
    }
}
