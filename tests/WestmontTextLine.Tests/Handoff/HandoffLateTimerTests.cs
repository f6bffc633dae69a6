using WestmontTextLine.Handoff;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// A chat's idle close found hours or days after its time: the line was down that long, or it was started on a copy
/// of its store taken while a chat that has since closed (and sent its closing text) was still open. It closes with no
/// text to her, which would come long after she last wrote (a second closing text, after a restore).
/// </summary>
public sealed class HandoffLateTimerTests
{
    private const string Texter = "+16305558501";

    private static async Task<(HandoffLine Line, string Id)> ChatAsync()
    {
        var line = await HandoffLine.StartAsync();
        await line.Phone(Texter).TextAsync("TALK");
        var id = (await line.OnlyOpenAsync()).Id;
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ClaimAsync(id, HandoffLine.Staff));
        Assert.Equal(InboxOutcome.Done, await line.Inbox.ReplyAsync(id, HandoffLine.Staff, "Hi, I am here."));
        await line.PassesAsync();
        Assert.Single(line.SentTo(Texter));
        return (line, id);
    }

    [Fact]
    public async Task An_idle_close_found_a_day_late_closes_the_chat_without_a_closing_text()
    {
        var (line, id) = await ChatAsync();
        await using var _ = line;

        line.Factory.Clock.Advance(TimeSpan.FromDays(1)); // no pass ran: the line was down
        await line.PassesAsync();

        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Single(line.SentTo(Texter)); // the staff reply only
        Assert.StartsWith("Closed 23.5 hours after its time", (await line.Inbox.MessagesAsync(id))[^1].Body);
    }

    [Fact]
    public async Task An_idle_close_twenty_minutes_late_still_sends_the_closing_text()
    {
        var (line, _) = await ChatAsync();
        await using var __ = line;

        line.Factory.Clock.Advance(TimeSpan.FromMinutes(50));
        await line.PassesAsync();

        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal(HandoffLine.English.HandoffClosed, line.SentTo(Texter)[^1]);
    }
}
