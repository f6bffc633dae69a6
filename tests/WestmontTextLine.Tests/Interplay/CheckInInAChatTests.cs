using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Handoff;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// Her check-in meets her chat with staff: the check-in comes due while she texts with them, her OK still ends it, and
/// her code word sent in the chat alerts her contact and tells staff what it was, so no one texts her phone back
/// asking what "mango" means while someone may be reading it.
/// </summary>
public sealed class CheckInInAChatTests
{
    private const string Texter = "+16305558531";
    private const string Contact = "+16305558532";

    /// <summary>Her contact agreed, her code word is set, and she is texting with Ana.</summary>
    private static async Task<(HandoffLine Line, string ConversationId)> InChatAsync()
    {
        var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        await phone.TextAsync("BUDDY 630-555-8532 Bea");
        await line.PassesAsync();
        Assert.Equal(HandoffLine.English.BuddyThanks, await line.Phone(Contact).TextAsync("YES"));
        Assert.Equal(HandoffLine.English.CodeWordSet, await phone.TextAsync("CODEWORD mango"));
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, this is Ana. How can I help?"));
        await line.PassesAsync();
        return (line, id);
    }

    [Fact]
    public async Task Her_code_word_in_the_chat_alerts_her_contact_and_staff_see_it_flagged_with_what_it_means()
    {
        var (line, id) = await InChatAsync();
        await using var _ = line;
        var before = line.SentTo(Contact).Count;

        Assert.Equal(HandoffLine.English.CodeWordAck, await line.Phone(Texter).TextAsync("mango"));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Bea sent their code word", line.SentTo(Contact).Skip(before).Single());
        var conversation = await line.OnlyOpenAsync();
        Assert.True(conversation.Urgent);
        var messages = await line.Inbox.MessagesAsync(id);
        Assert.Equal(HandoffUrgentNotes.TexterSentCodeWord, messages[^1].Body);
        Assert.Equal(InboxMessageFrom.Line, messages[^1].From);
    }

    [Fact]
    public async Task A_check_in_due_in_the_chat_is_texted_and_her_ok_ends_it_while_staff_see_the_ok()
    {
        var (line, id) = await InChatAsync();
        await using var _ = line;
        var phone = line.Phone(Texter);
        Assert.Null(await phone.TextAsync("I need somewhere to stay tonight"));
        Assert.StartsWith("OK. I will text you at 10:20 AM.", await phone.TextAsync("CHECK 20"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(20));
        await line.PassesAsync();
        Assert.Equal(HandoffLine.English.CheckInDue, line.SentTo(Texter)[^1]);
        Assert.Equal(HandoffLine.English.CheckInStopped, await phone.TextAsync("OK"));
        var seen = await line.Inbox.MessagesAsync(id);
        Assert.Equal("OK", seen[^2].Body);
        Assert.Equal(HandoffService.LineAnsweredHer + HandoffLine.English.CheckInStopped, seen[^1].Body);

        var contact = line.SentTo(Contact).Count;
        await line.AdvanceAsync(TimeSpan.FromMinutes(15));
        await line.PassesAsync();
        Assert.Equal(contact, line.SentTo(Contact).Count);
    }

    [Fact]
    public async Task A_check_in_missed_while_she_is_in_a_chat_shows_in_the_chat_flagged_urgent()
    {
        var (line, id) = await InChatAsync();
        await using var _ = line;
        Assert.StartsWith("OK. I will text you at 10:10 AM.", await line.Phone(Texter).TextAsync("CHECK 10"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        Assert.False((await line.OnlyOpenAsync()).Urgent);
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Bea has not checked in since 10:10 AM.", line.SentTo(Contact)[^1]);
        Assert.True((await line.OnlyOpenAsync()).Urgent);
        var note = (await line.Inbox.MessagesAsync(id))[^1];
        Assert.Equal(InboxMessageFrom.Line, note.From);
        Assert.Equal("Her safety check-in time (10:10 AM) passed with no OK. Her safety contact was texted.", note.Body);
    }

    [Fact]
    public async Task Without_a_contact_the_note_says_she_was_texted_911_and_the_hotline()
    {
        await using var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        await phone.TextAsync("CHECK 10");
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));

        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        Assert.Equal(HandoffLine.English.CheckInMissed, line.SentTo(Texter)[^1]);
        var conversation = await line.OnlyOpenAsync();
        Assert.True(conversation.Urgent);
        Assert.Equal("Her safety check-in time (10:10 AM) passed with no OK. She was texted 911 and the hotline.",
            (await line.Inbox.MessagesAsync(conversation.Id))[^1].Body);
    }

    [Fact]
    public async Task Her_not_ok_to_a_check_in_text_in_the_chat_gets_the_emergency_reply_and_staff_see_it_urgent()
    {
        var (line, id) = await InChatAsync();
        await using var _ = line;
        var phone = line.Phone(Texter);
        await phone.TextAsync("CHECK 10");
        await line.AdvanceAsync(TimeSpan.FromMinutes(10));
        await line.PassesAsync();

        Assert.Equal(HandoffLine.English.Emergency, await phone.TextAsync("not ok"));
        Assert.True((await line.OnlyOpenAsync()).Urgent);
        var messages = await line.Inbox.MessagesAsync(id);
        var text = messages[^2];
        Assert.Equal(("not ok", true), (text.Body, text.Urgent));
        Assert.Equal(HandoffService.LineAnsweredHer + HandoffLine.English.Emergency, messages[^1].Body);
        // A plain "no" in the chat is for staff.
        Assert.Null(await phone.TextAsync("no"));
    }
}
