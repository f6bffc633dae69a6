using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Logging;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Privacy;

/// <summary>
/// The logs outlive every record (FORGET cannot reach the journal), and the privacy key sits on the same host. A log
/// line that names a texter by any part of her keyed hash, or by the pseudonym staff see (4 characters of it), lets
/// whoever holds both hash a number and read her keywords and times; a tag under a key only this process holds does not.
/// </summary>
public class LogTagTests
{
    [Fact]
    public async Task Log_lines_follow_a_texter_by_a_tag_no_number_leads_to()
    {
        await using var line = await HandoffLine.StartAsync();
        var number = TestNumbers.Next();
        var phone = line.Phone(number);
        await phone.TextAsync("hi");
        await phone.TextAsync("TALK");
        await line.Inbox.CloseAsync((await line.OnlyOpenAsync()).Id, HandoffLine.Staff);
        await phone.TextAsync("STOP");

        var key = line.Factory.Services.GetRequiredService<SenderKeys>().KeyOf(number);
        var logs = line.Factory.Logs.All;
        Assert.Contains("Conversation ", logs);
        Assert.Contains($"from {LogTag.Of(key)}: node", logs);
        Assert.DoesNotContain(key[..8], logs);
        Assert.DoesNotContain(line.PseudonymOf(number), logs);
    }

    [Fact]
    public void A_tag_is_the_same_for_one_texter_and_differs_between_texters()
    {
        var one = new string('a', 64);
        var other = new string('b', 64);

        Assert.Equal(LogTag.Of(one), LogTag.Of(one));
        Assert.NotEqual(LogTag.Of(one), LogTag.Of(other));
        Assert.Matches("^[0-9a-f]{8}$", LogTag.Of(one));
        Assert.DoesNotContain(LogTag.Of(one), one);
    }
}
