using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Logging;
using WestmontTextLine.Senders;
using WestmontTextLine.Tests.CheckIns;
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

    // A check-in text's outbox id is 'ci' and a SHA-256 of her keyed hash, the time due and the label: with the privacy
    // key, her number and the line's time (due within seconds of it), it is found in a few thousand tries. Found in the
    // log calls: "Outbound text ci1f1b... (alert_missed) given up" named it in full, the same in every process and day.
    [Fact]
    public async Task A_check_in_text_given_up_is_logged_without_its_outbox_id()
    {
        await using var line = await CheckInLine.StartAsync();
        var texter = line.Phone(TestNumbers.Next());
        var contact = TestNumbers.Next();
        await texter.TextAsync("hi");
        await texter.TextAsync($"BUDDY {contact} Ana");
        await line.PassesAsync();
        await line.Phone(contact).TextAsync("YES");
        await texter.TextAsync("CHECK 30");
        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        line.Fake.RefuseSends(1, 21614);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));

        var givenUp = Assert.Single(line.Factory.Logs.Lines, l => l.Contains("(alert_missed) given up", StringComparison.Ordinal));
        Assert.DoesNotMatch("ci[0-9a-f]{40}", line.Factory.Logs.All);
        Assert.Matches("Outbound text ci…[0-9a-f]{8} ", givenUp);
    }
}
