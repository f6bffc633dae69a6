using WestmontTextLine.Handoff;

namespace WestmontTextLine.Tests.Handoff;

/// <summary>
/// A chat's idle close found hours after its time because the line was down: it closes with its closing text, late,
/// as it would have (she was told someone would answer, and no one could). Only a close due before the line started on
/// an older copy of its store is closed without a text (<c>OlderCopyChatTests</c>): in what the copy lost, it closed
/// and sent that text already.
/// </summary>
public sealed class HandoffLateCloseTests
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
    public async Task An_idle_close_found_a_day_late_after_an_outage_still_sends_the_closing_text()
    {
        var (line, _) = await ChatAsync();
        await using var _ = line;

        line.Factory.Clock.Advance(TimeSpan.FromDays(1)); // no pass ran: the line was down
        await line.PassesAsync();

        Assert.Empty(await line.Inbox.ListOpenAsync());
        Assert.Equal(HandoffLine.English.HandoffClosed, line.SentTo(Texter)[^1]);
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
