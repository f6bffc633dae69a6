using WestmontTextLine.Tests.Handoff;

namespace WestmontTextLine.Tests.Interplay;

/// <summary>
/// After hours, with Handoff:TakeMessages on, the line offers to take her next text as a message for the team. Her
/// safety words must still be hers in that text: the code word alerts her contact (never a "we saved your message" on
/// her lock screen), and CHECK sets a timer.
/// </summary>
public sealed class MessageOfferAndCheckInTests
{
    private const string Texter = "+16305558501";
    private const string Contact = "+16305558502";

    /// <summary>Her contact agreed and her code word is set; no one is on shift, so TALK offers to take a message.</summary>
    private static async Task<HandoffLine> OfferedAsync()
    {
        var line = await HandoffLine.StartAsync(onShift: false, takeMessages: true);
        var phone = line.Phone(Texter);
        await phone.TextAsync("hi");
        Assert.Equal(HandoffLine.English.BuddyRequested, await phone.TextAsync("BUDDY 630-555-8502 Bea"));
        await line.PassesAsync();
        Assert.Equal(HandoffLine.English.BuddyThanks, await line.Phone(Contact).TextAsync("YES"));
        Assert.Equal(HandoffLine.English.CodeWordSet, await phone.TextAsync("CODEWORD mango"));
        Assert.Contains(HandoffLine.English.HandoffOffer, await phone.TextAsync("TALK"));
        await line.PassesAsync();
        return line;
    }

    [Fact]
    public async Task Her_code_word_after_the_offer_alerts_her_contact_and_is_not_kept_as_a_message()
    {
        await using var line = await OfferedAsync();
        var before = line.SentTo(Contact).Count;

        Assert.Equal(HandoffLine.English.CodeWordAck, await line.Phone(Texter).TextAsync("mango"));
        await line.PassesAsync();

        Assert.StartsWith("Westmont Text Line: Bea sent their code word", line.SentTo(Contact).Skip(before).Single());
        Assert.Empty(await line.Inbox.ListOpenAsync());
    }

    [Fact]
    public async Task A_check_after_the_offer_sets_the_timer_and_is_not_kept_as_a_message()
    {
        await using var line = await OfferedAsync();

        Assert.StartsWith("OK. I will text you at 10:30 AM.", await line.Phone(Texter).TextAsync("CHECK 30"));
        Assert.Empty(await line.Inbox.ListOpenAsync());

        await line.AdvanceAsync(TimeSpan.FromMinutes(30));
        await line.PassesAsync();
        Assert.Equal(HandoffLine.English.CheckInDue, line.SentTo(Texter)[^1]);
    }
}
