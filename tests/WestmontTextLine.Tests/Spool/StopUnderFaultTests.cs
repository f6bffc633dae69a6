using Microsoft.Extensions.DependencyInjection;
using WestmontTextLine.Flows;
using WestmontTextLine.Handoff;
using WestmontTextLine.Sessions;
using WestmontTextLine.Spool;
using WestmontTextLine.Tests.CheckIns;
using WestmontTextLine.Tests.Handoff;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.Spool;

/// <summary>
/// A STOP that comes while the SQLite file is locked by another process: kept on disk and confirmed, then written to the
/// store once it answers, before her check-in can text her or alert her contact, or her next text get the menu.
/// </summary>
public sealed class StopUnderFaultTests
{
    private static Messages English => EngineHarness.Flow.Language("en").Messages;

    [Fact]
    public async Task A_stop_while_the_file_is_locked_is_confirmed_and_ends_her_check_in_and_her_replies_once_the_store_answers()
    {
        await using var line = await CheckInLine.StartAsync();
        var (texter, contact) = (TestNumbers.Next(), TestNumbers.Next());
        var phone = line.Phone(texter);
        await AgreedContactAsync(line, phone, contact);
        await phone.TextAsync("CHECK 20");
        await line.PassesAsync();
        var sentToHer = line.SentTo(texter).Count;

        await using (await SqliteFileLocked.TakeAsync(line.Factory.DatabasePath))
        {
            Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
        }
        Assert.True(line.Factory.Services.GetRequiredService<OptOutSpool>().Holds(line.Factory.SenderKeyOf(texter)));

        // The check-in falls due and goes past its grace: neither her check-in text nor her contact's alert goes out.
        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));
        Assert.Equal(sentToHer, line.SentTo(texter).Count);
        Assert.DoesNotContain(line.SentTo(contact), text => text.Contains("has not checked in", StringComparison.Ordinal));

        Assert.Null(await phone.TextAsync("hi"));
        var session = await line.Factory.Services.GetRequiredService<ISessionStore>().LoadAsync(line.Factory.SenderKeyOf(texter));
        Assert.True(session!.OptedOut);
        Assert.False(line.Factory.Services.GetRequiredService<OptOutSpool>().Holds(line.Factory.SenderKeyOf(texter)));
        Assert.False(File.Exists(line.Factory.DatabasePath + ".optouts.spool"));

        Assert.StartsWith(English.StartConfirm, await phone.TextAsync("START"));
    }

    [Fact]
    public async Task A_stop_while_the_file_is_locked_after_her_check_in_text_went_out_alerts_no_contact_once_the_store_answers()
    {
        await using var line = await CheckInLine.StartAsync();
        var (texter, contact) = (TestNumbers.Next(), TestNumbers.Next());
        var phone = line.Phone(texter);
        await AgreedContactAsync(line, phone, contact);
        await phone.TextAsync("CHECK 20");
        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        Assert.Equal(English.CheckInDue, line.SentTo(texter)[^1]);
        var sentToHer = line.SentTo(texter).Count;

        await using (await SqliteFileLocked.TakeAsync(line.Factory.DatabasePath))
        {
            Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
        }
        // The store answers again; her grace ends before any text of hers: the check-in's next step finds her STOP first.
        await line.AdvanceAsync(TimeSpan.FromMinutes(11));

        Assert.DoesNotContain(line.SentTo(contact), text => text.Contains("has not checked in", StringComparison.Ordinal));
        Assert.Equal(sentToHer, line.SentTo(texter).Count);
        Assert.True((await line.Factory.Services.GetRequiredService<ISessionStore>().LoadAsync(line.Factory.SenderKeyOf(texter)))!.OptedOut);
    }

    [Fact]
    public async Task A_stop_in_a_chat_with_staff_while_the_file_is_locked_stops_the_staff_reply_sent_after_the_store_answers()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(TestNumbers.Next());
        await phone.TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        var sentToHer = line.SentTo(phone.From).Count;

        await using (await SqliteFileLocked.TakeAsync(line.Factory.DatabasePath))
        {
            Assert.Equal(English.StopConfirm, await phone.TextAsync("STOP"));
        }
        // Staff did not see her STOP: the chat still looks open to them.
        await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Are you safe to text?");
        await line.PassesAsync();

        Assert.Equal(sentToHer, line.SentTo(phone.From).Count);
        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Contains(await line.Inbox.MessagesAsync(id), message => message.Body == HandoffService.TexterOptedOut);
    }

    private static async Task AgreedContactAsync(CheckInLine line, Web.TwilioClient phone, string contact)
    {
        await phone.TextAsync("hi");
        Assert.Equal(English.BuddyRequested, await phone.TextAsync($"BUDDY {contact} Ana"));
        await line.PassesAsync();
        Assert.Equal(English.BuddyThanks, await line.Phone(contact).TextAsync("YES"));
        await line.PassesAsync();
    }

}
