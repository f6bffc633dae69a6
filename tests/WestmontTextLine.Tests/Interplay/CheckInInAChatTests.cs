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
        Assert.Equal(HandoffService.TexterSentCodeWord, messages[^1].Body);
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
        Assert.Equal("OK", (await line.Inbox.MessagesAsync(id))[^1].Body);

        var contact = line.SentTo(Contact).Count;
        await line.AdvanceAsync(TimeSpan.FromMinutes(15));
        await line.PassesAsync();
        Assert.Equal(contact, line.SentTo(Contact).Count);
    }
}
