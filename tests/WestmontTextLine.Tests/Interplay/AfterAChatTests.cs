using WestmontTextLine.Handoff;
using WestmontTextLine.Tests.Handoff;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// After a chat with staff closed, her next text is read as after any other silence: soon after the closing text a
/// digit works the main menu; hours later (past TextLine:SessionTimeout) it gets the same welcome as a first text, so
/// someone else holding her phone learns nothing from the answer.
/// </summary>
public sealed class AfterAChatTests
{
    private const string Texter = "+16305558581";

    private static async Task<HandoffLine> ClosedChatAsync()
    {
        var line = await HandoffLine.StartAsync();
        var phone = line.Phone(Texter);
        Assert.Equal(HandoffLine.English.HandoffOpen, await phone.TextAsync("TALK"));
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        // Staff answer and close 25 minutes after her last text.
        await line.AdvanceAsync(TimeSpan.FromMinutes(25));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, this is Ana."));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.CloseAsync(id, HandoffLine.Staff));
        await line.PassesAsync();
        return line;
    }

    [Fact]
    public async Task Hours_after_the_chat_closed_a_digit_gets_the_welcome_as_a_first_text_does()
    {
        await using var line = await ClosedChatAsync();
        await line.AdvanceAsync(TimeSpan.FromHours(3));

        var reply = await line.Phone(Texter).TextAsync("3");
        Assert.StartsWith("Westmont Text Line: free, confidential help", reply);
        Assert.Equal(reply, await line.Phone("+16305558582").TextAsync("3"));
    }

    [Fact]
    public async Task Soon_after_the_chat_closed_a_digit_works_the_main_menu()
    {
        await using var line = await ClosedChatAsync();
        await line.AdvanceAsync(TimeSpan.FromMinutes(20));

        Assert.StartsWith("Health and testing", await line.Phone(Texter).TextAsync("3"));
    }
}
