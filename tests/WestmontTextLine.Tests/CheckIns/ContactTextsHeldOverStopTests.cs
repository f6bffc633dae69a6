using WestmontTextLine.Outbound;
using WestmontTextLine.Tests.Support;

namespace WestmontTextLine.Tests.CheckIns;

/// <summary>
/// A text to her safety contact about her (the request to be her contact, the alert of her missed check-in) queued
/// while Twilio refused every text (the outbox held, for up to a day), and her STOP or FORGET sent meanwhile. The outbox
/// read only the session of the number it texts, her contact's, so once Twilio took texts again her contact was asked
/// to agree, or alerted, about someone who had said STOP or asked the line to forget her.
/// </summary>
public sealed class ContactTextsHeldOverStopTests
{
    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task A_request_held_in_the_outbox_does_not_reach_her_contact_after_her_stop_or_forget(string word)
    {
        await using var line = await CheckInLine.StartAsync();
        var (texter, contact) = (TestNumbers.Next(), TestNumbers.Next());
        await line.Phone(texter).TextAsync("hi");
        line.Fake.RejectCredentials = true;
        await line.Phone(texter).TextAsync($"BUDDY {contact} Ana");
        await line.PassesAsync();
        Assert.Empty(line.SentTo(contact));

        await line.Phone(texter).TextAsync(word);
        line.Fake.RejectCredentials = false;
        await line.AdvanceAsync(OutboundPause.FirstWait * 2);
        await line.AdvanceAsync(OutboundPause.FirstWait * 4);

        Assert.Empty(line.SentTo(contact));
    }

    [Theory]
    [InlineData("STOP")]
    [InlineData("FORGET")]
    public async Task An_alert_held_in_the_outbox_does_not_reach_her_contact_after_her_stop_or_forget(string word)
    {
        await using var line = await CheckInLine.StartAsync();
        var (texter, contact) = await line.AgreedAsync();
        await line.Phone(texter).TextAsync("CHECK 30");
        await line.PassesAsync();
        var sentToContact = line.SentTo(contact).Count;
        await line.RefuseTextsWhileCheckIn30LapsesAsync();

        await line.Phone(texter).TextAsync(word);
        await line.TwilioTakesTextsAgainAsync();

        Assert.Equal(sentToContact, line.SentTo(contact).Count);
    }
}
